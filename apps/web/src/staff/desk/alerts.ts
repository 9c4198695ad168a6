/**
 * The desk's attention-getters for a new request: a short two-tone beep (WebAudio, no asset) and a
 * desktop notification. Browsers allow both only after a user gesture, so the audio context is
 * created on the first click or key press and permission is asked from a button.
 */

let audio: AudioContext | null = null;

/** Creates (or resumes) the audio context; call from a user gesture. */
export function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null; // no WebAudio: stay silent
  }
}

export function beep(): void {
  if (audio?.state !== 'running') return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.18, 1320],
  ] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.16);
  }
}

export type NotificationState = 'unsupported' | NotificationPermission;

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks for permission to show desktop notifications; call from a click. */
export async function askNotificationPermission(): Promise<NotificationState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a desktop notification when allowed; clicking it focuses the app and runs `onClick`. */
export function notify(title: string, body: string, tag: string, onClick: () => void): void {
  if (notificationState() !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag, icon: '/icons/icon-192.png' });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
  } catch {
    // some browsers allow notifications only from a service worker: the sound and the badge remain
  }
}

const SOUND_KEY = 'frontdesk.staff.sound';

export function soundPreference(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setSoundPreference(on: boolean): void {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // private mode: the choice lasts for this page only
  }
}
