// The shop's orders inbox, live (issue 14; app/src/pages/orders_merchant.rs). The page works
// without this script (its list is plain forms; a reload shows what is new). With it, the
// server's event stream for this shop says when its orders change; the list is fetched again
// and swapped in, a live region says so, and a short sound plays if the merchant switched it on
// (a choice kept in this browser). On a phone that sleeps, the browser reconnects the stream
// by itself and the next event brings the list up to date.
// The day's list: a print button, shown only where it works.
const printButton = document.getElementById('inbox-print');
if (printButton) {
  document.getElementById('inbox-print-row').hidden = false;
  printButton.addEventListener('click', () => window.print());
}
const inbox = document.querySelector('.inbox[data-stream]');
if (inbox && 'EventSource' in window) {
  const list = document.getElementById('inbox-list');
  const live = document.getElementById('inbox-live');
  const soundBox = document.querySelector('.inbox__sound');
  const sound = document.getElementById('inbox-sound');
  const KEY = 'vitrine-inbox-sound';
  if (soundBox && sound) {
    soundBox.hidden = false;
    sound.checked = localStorage.getItem(KEY) === '1';
    sound.addEventListener('change', () => localStorage.setItem(KEY, sound.checked ? '1' : '0'));
  }
  let audio;
  const beep = () => {
    if (!sound || !sound.checked) return;
    try {
      audio = audio || new AudioContext();
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.4);
    } catch (_) {
      // No sound on this device: the live region and the title still say it.
    }
  };
  const title = document.title;
  let unseen = 0;
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      unseen = 0;
      document.title = title;
    }
  });
  // A decline being typed is not swapped away: the update waits until the form is left.
  const busy = () => list.contains(document.activeElement) && document.activeElement.tagName === 'TEXTAREA';
  let pending = false;
  const refresh = async (announce) => {
    if (busy()) {
      pending = true;
      return;
    }
    pending = false;
    const response = await fetch(location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = page.getElementById('inbox-list');
    if (!fresh) return;
    list.innerHTML = fresh.innerHTML;
    if (announce) {
      live.textContent = inbox.dataset.updated || live.textContent;
      list.classList.add('inbox__list--updated');
      setTimeout(() => list.classList.remove('inbox__list--updated'), 2000);
      beep();
      if (document.hidden) {
        unseen += 1;
        document.title = `(${unseen}) ${title}`;
      }
    }
  };
  list.addEventListener('focusout', () => {
    if (pending) setTimeout(() => refresh(true), 0);
  });
  const stream = new EventSource(inbox.dataset.stream);
  stream.addEventListener('orders', () => refresh(true));
  inbox.dataset.live = 'connected';
  stream.addEventListener('open', () => {
    inbox.dataset.live = 'connected';
  });
}
