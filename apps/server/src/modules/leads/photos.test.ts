import { MAX_PHOTOS_PER_FIELD } from '@frontdesk/protocol';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { desk } from './test-company.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** A phone photo with a GPS position in its EXIF, as cameras write them. */
const cameraJpeg = () =>
  sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 180, g: 40, b: 40 } } })
    .jpeg()
    .withExifMerge({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 13/1 49/1' } })
    .toBuffer();

const photoForm = {
  name: 'Leak',
  draft: {
    steps: [
      {
        fields: [
          { key: 'what', type: 'short_text', label: 'What leaks?', required: true },
          { key: 'photos', type: 'photo', label: 'Photos of the leak', help: 'Use your camera', required: true },
        ],
      },
    ],
  },
};

const upload = async (phone: ApiClient, bytes: Uint8Array, name = 'leak.jpg') =>
  phone.post(`/api/v1/guest/attachments?name=${encodeURIComponent(name)}`, undefined, {
    raw: bytes,
    headers: { 'content-type': 'image/jpeg' },
  });

/** A service company with a published photo form and a customer verified at their label. */
async function company(phone4 = '4567') {
  const org = await makeOrg(server, { kind: 'service' });
  const admin = await desk(server, org, 'admin', 'Ada');
  const form = await admin.api.post('/api/v1/forms', photoForm);
  expect(form.status, JSON.stringify(form.body)).toBe(201);
  await admin.api.post(`/api/v1/forms/${form.body.id}/publish`);
  const customer = (await admin.api.post('/api/v1/customers', { name: 'Jan', phones: [`601 234 ${phone4}`] })).body
    .customer;
  const batch = await admin.api.post('/api/v1/label-batches', { name: 'Winter', size: 1 });
  const [label] = (await admin.api.get(`/api/v1/labels?batchId=${batch.body.id}`)).body.labels;
  await admin.api.post(`/api/v1/labels/${label.id}/assign`, { customerId: customer.id });
  const phone = new ApiClient(server.url);
  const token = label.url.split('/l/')[1];
  expect(
    (await phone.post(`/api/v1/guest/labels/${token}/verify`, { kind: 'phone_last4', answer: phone4 })).status,
  ).toBe(200);
  return { org, admin, formId: form.body.id as string, phone, token };
}

describe('photo questions in request forms', () => {
  it('the customer sends photos with the form; the desk sees them on the lead, the customer in their request', async () => {
    const { org, admin, formId, phone, token } = await company();
    const first = await upload(phone, await cameraJpeg());
    const second = await upload(phone, await cameraJpeg(), 'second.jpg');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ kind: 'image', mime: 'image/webp', thumbnail: true });

    const sent = await phone.post('/api/v1/guest/leads', {
      formId,
      labelToken: token,
      answers: { what: 'The boiler', photos: [first.body.id, second.body.id] },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.photos.map((p: { id: string }) => p.id)).toEqual([first.body.id, second.body.id]);

    // the desk: the lead lists the photos, and serves them (thumbnail and image) to who may see the lead
    const [lead] = (await admin.api.get('/api/v1/leads')).body.leads;
    expect(lead.photos.map((p: { id: string }) => p.id)).toEqual([first.body.id, second.body.id]);
    expect(lead.answers.find((a: { key: string }) => a.key === 'photos')).toMatchObject({ type: 'photo' });
    const image = await admin.api.get(`/api/v1/leads/${lead.id}/photos/${first.body.id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    const thumbnail = await admin.api.get(`/api/v1/leads/${lead.id}/photos/${first.body.id}/thumbnail`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');

    // the chat's first message carries them too, with the count in its text
    const conversation = await admin.api.get(`/api/v1/conversations/${lead.conversationId}/messages`);
    expect(conversation.status).toBe(200);
    const summary = conversation.body.messages.find((m: { text: string }) => m.text.startsWith('New request'));
    expect(summary.text).toContain('Photos of the leak: 2 photos');
    expect(summary.attachments).toHaveLength(2);

    // the customer: their request lists the photos, which they can open
    const own = await phone.get('/api/v1/guest/leads');
    expect(own.body.leads[0].photos.map((p: { id: string }) => p.id)).toEqual([first.body.id, second.body.id]);
    expect((await phone.get(`/api/v1/guest/attachments/${first.body.id}/thumbnail`)).status).toBe(200);

    // a field user may not see leads, so not their photos either; another company sees nothing
    const field = await desk(server, org, 'field', 'Fred');
    expect((await field.api.get(`/api/v1/leads/${lead.id}/photos/${first.body.id}`)).status).toBe(403);
    const other = await makeOrg(server, { kind: 'service' });
    const stranger = await desk(server, other, 'admin', 'Sam');
    expect((await stranger.api.get(`/api/v1/leads/${lead.id}/photos/${first.body.id}`)).status).toBe(404);
    // a file that is not one of the lead's photos is not served through the lead
    const loose = await upload(phone, await cameraJpeg(), 'loose.jpg');
    expect((await admin.api.get(`/api/v1/leads/${lead.id}/photos/${loose.body.id}`)).status).toBe(404);
  });

  it('refuses a missing required photo, too many photos, and uploads that are not the customer’s own', async () => {
    const { formId, phone } = await company();
    const missing = await phone.post('/api/v1/guest/leads', { formId, answers: { what: 'The boiler' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'photos' } });

    const many = Array.from({ length: MAX_PHOTOS_PER_FIELD + 1 }, () => crypto.randomUUID());
    const tooMany = await phone.post('/api/v1/guest/leads', { formId, answers: { what: 'x', photos: many } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details).toMatchObject({ field: 'photos' });

    // another customer's upload (their own company's, even) is not this customer's to send
    const other = await company('9876');
    const theirs = await upload(other.phone, await cameraJpeg());
    expect(theirs.status).toBe(201);
    const stolen = await phone.post('/api/v1/guest/leads', {
      formId,
      answers: { what: 'x', photos: [theirs.body.id] },
    });
    expect(stolen.status).toBe(409);
    expect(stolen.body.error.code).toBe('attachment_unavailable');

    // a PDF is a file the customer may send in the chat, but no photo
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const document = await phone.post('/api/v1/guest/attachments?name=bill.pdf', undefined, {
      raw: pdf,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(document.status, JSON.stringify(document.body)).toBe(201);
    const notPhoto = await phone.post('/api/v1/guest/leads', {
      formId,
      answers: { what: 'x', photos: [document.body.id] },
    });
    expect(notPhoto.status).toBe(400);
    expect(notPhoto.body.error.message).toContain('Only photos');

    // a photo already sent with one request cannot be sent again with another
    const mine = await upload(phone, await cameraJpeg());
    const once = await phone.post('/api/v1/guest/leads', { formId, answers: { what: 'x', photos: [mine.body.id] } });
    expect(once.status).toBe(201);
    const again = await phone.post('/api/v1/guest/leads', { formId, answers: { what: 'y', photos: [mine.body.id] } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('attachment_unavailable');
    expect((await phone.get('/api/v1/guest/leads')).body.leads).toHaveLength(1);
  });

  it('admins cannot make a question depend on photos', async () => {
    const org = await makeOrg(server, { kind: 'service' });
    const admin = await desk(server, org, 'admin', 'Ada');
    const res = await admin.api.post('/api/v1/forms', {
      name: 'Odd',
      draft: {
        steps: [
          {
            fields: [
              { key: 'photos', type: 'photo', label: 'Photos' },
              { key: 'more', type: 'short_text', label: 'More', showIf: { field: 'photos', equals: 'x' } },
            ],
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('cannot depend on photos');
  });

  it('a photo question takes as many photos as the form version the customer filled allows (absent: 5)', async () => {
    const { admin, formId, phone, token } = await company();
    const uploads = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i += 1) {
        const res = await upload(phone, await cameraJpeg(), `p${i}.jpg`);
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids.push(res.body.id);
      }
      return ids;
    };
    const withMax = (maxPhotos: number) => ({
      draft: {
        steps: [
          {
            fields: [
              { key: 'what', type: 'short_text', label: 'What leaks?', required: true },
              { key: 'photos', type: 'photo', label: 'Photos of the leak', required: true, maxPhotos },
            ],
          },
        ],
      },
    });
    // version 1 (published before the setting existed): 5, the default — five go, six do not
    const five = await uploads(5);
    const sentFive = await phone.post('/api/v1/guest/leads', {
      formId,
      labelToken: token,
      answers: { what: 'v1', photos: five },
    });
    expect(sentFive.status, JSON.stringify(sentFive.body)).toBe(201);
    expect(sentFive.body.photos).toHaveLength(5);

    // version 2: at most 2 — the third photo is refused, and nothing is written
    expect((await admin.api.patch(`/api/v1/forms/${formId}`, withMax(2))).status).toBe(200);
    expect((await admin.api.post(`/api/v1/forms/${formId}/publish`)).status).toBe(200);
    const published = (await admin.api.get(`/api/v1/forms/${formId}`)).body;
    expect(published.published.steps[0].fields[1].maxPhotos).toBe(2);
    const three = await uploads(3);
    const refused = await phone.post('/api/v1/guest/leads', { formId, answers: { what: 'v2', photos: three } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'photos' } });
    expect(refused.body.error.message).toContain('at most 2');
    const two = await phone.post('/api/v1/guest/leads', { formId, answers: { what: 'v2', photos: three.slice(0, 2) } });
    expect(two.status, JSON.stringify(two.body)).toBe(201);

    // version 3: at most 8 — more than a chat message's usual 5 files, and all go with the request
    expect((await admin.api.patch(`/api/v1/forms/${formId}`, withMax(8))).status).toBe(200);
    expect((await admin.api.post(`/api/v1/forms/${formId}/publish`)).status).toBe(200);
    const eight = [three[2] as string, ...(await uploads(7))];
    const sentEight = await phone.post('/api/v1/guest/leads', { formId, answers: { what: 'v3', photos: eight } });
    expect(sentEight.status, JSON.stringify(sentEight.body)).toBe(201);
    expect(sentEight.body.photos.map((p: { id: string }) => p.id)).toEqual(eight);
    // each lead keeps the version it was filled with, and its photos
    const leads = (await admin.api.get('/api/v1/leads')).body.leads as {
      form: { version: number };
      photos: unknown[];
    }[];
    expect(leads.map((l) => [l.form.version, l.photos.length]).sort()).toEqual([
      [1, 5],
      [2, 2],
      [3, 8],
    ]);
  });

  it('admins choose 1 to 10 photos, on photo questions only, at most 20 in a form', async () => {
    const org = await makeOrg(server, { kind: 'service' });
    const admin = await desk(server, org, 'admin', 'Ada');
    const form = (fields: unknown[]) =>
      admin.api.post('/api/v1/forms', { name: 'Photos', draft: { steps: [{ fields }] } });
    for (const maxPhotos of [0, 11, 2.5]) {
      const res = await form([{ key: 'p', type: 'photo', label: 'Photos', maxPhotos }]);
      expect(res.status, String(maxPhotos)).toBe(400);
    }
    const onText = await form([{ key: 't', type: 'short_text', label: 'Text', maxPhotos: 3 }]);
    expect(onText.status).toBe(400);
    expect(onText.body.error.message).toContain('Only photo questions');
    const tooMany = await form([
      { key: 'a', type: 'photo', label: 'A', maxPhotos: 10 },
      { key: 'b', type: 'photo', label: 'B', maxPhotos: 10 },
      { key: 'c', type: 'photo', label: 'C' },
    ]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('at most 20 photos');
    const fine = await form([
      { key: 'a', type: 'photo', label: 'A', maxPhotos: 10 },
      { key: 'b', type: 'photo', label: 'B', maxPhotos: 10 },
    ]);
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
    expect(fine.body.draft.steps[0].fields.map((f: { maxPhotos?: number }) => f.maxPhotos)).toEqual([10, 10]);
  });
});
