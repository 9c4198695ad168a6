// The translation module's public entry: other modules import from here only (npm run lint checks it).
import type { AppContext } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import type { DurableConsumer } from '../../platform/outbox/consumers.js';
import { systemContext } from '../../platform/service-context.js';
import { translatorFor } from './providers.js';
import { translationListeners } from './realtime.js';
import { MessageTranslator } from './translate.js';

export { TranslationFailed, type Translator, translatorFor } from './providers.js';

/** The translation consumer, when a provider is configured (TRANSLATION_PROVIDER); none: translation is off. */
const translationConsumers = (ctx: AppContext): DurableConsumer[] => {
  if (!ctx.config.translation) return [];
  const system = systemContext(ctx, 'translation');
  const translator = new MessageTranslator(
    ctx.db,
    translatorFor(ctx.config.translation),
    (event) => system.announce(event),
    (err) => ctx.log.warn({ err }, 'translation failed; messages are shown untranslated'),
  );
  return [
    {
      name: 'translation',
      types: ['message.created'],
      handle: (event) => translator.handle([event]),
      // a burst of messages into one language is one provider call
      handleBatch: (events) => translator.handle(events),
      // a round's provider calls end well within the lease (see MessageTranslator.handle)
      readAtMost: 100,
    },
  ];
};

/**
 * Machine translation between a guest and the desk when their languages differ (README
 * "Translation"): a durable consumer translates each message for the other side through the
 * configured provider (DeepL, Google Cloud Translation or LibreTranslate), caches it in
 * message_translations and tells both sides live; history and sync carry it beside the original.
 */
export const translation = defineModule({
  name: 'translation',
  errorCodes: [],
  listeners: translationListeners,
  consumers: translationConsumers,
});
