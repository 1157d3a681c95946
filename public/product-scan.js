// "Scan" on the merchant's products page (app/src/pages/products_merchant.rs): reads a product's
// barcode with the phone's camera where the browser has the BarcodeDetector API (Chrome on
// Android, Safari on iOS 17+), then submits the "find by code" form with the number read, exactly
// as if it had been typed. Without the API, or without this script, the button stays hidden and
// the number is typed. Event delegation on the document: the page may be rendered again by the
// private bundle's router after this module has run (a module runs once per document).
const FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'code_39', 'itf'];

if ('BarcodeDetector' in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
  document.documentElement.classList.add('can-scan');
  let stream = null;
  let timer = null;

  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
  };

  const scan = async (dialog) => {
    const video = dialog.querySelector('video');
    const status = dialog.querySelector('[role="status"]');
    status.textContent = '';
    dialog.showModal();
    let detector;
    try {
      const supported = await window.BarcodeDetector.getSupportedFormats?.();
      detector = new window.BarcodeDetector({ formats: supported ? FORMATS.filter((f) => supported.includes(f)) : FORMATS });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      video.srcObject = stream;
      await video.play();
    } catch (_) {
      stop();
      status.textContent = dialog.dataset.unavailable;
      return;
    }
    const look = async () => {
      if (!stream) return;
      try {
        const codes = await detector.detect(video);
        const code = codes.map((c) => c.rawValue).find((value) => /^[0-9A-Za-z._-]{1,64}$/.test(value));
        if (code) {
          stop();
          dialog.close();
          const input = document.getElementById('code');
          input.value = code;
          input.form.requestSubmit();
          return;
        }
      } catch (_) {
        // A frame the detector could not read: try the next one.
      }
      timer = setTimeout(look, 200);
    };
    look();
  };

  document.addEventListener('click', (event) => {
    const open = event.target.closest('[data-scan-camera]');
    if (open) {
      event.preventDefault();
      const dialog = document.querySelector('.scan__dialog');
      if (dialog) scan(dialog);
      return;
    }
    if (event.target.closest('[data-scan-close]')) {
      stop();
      event.target.closest('dialog').close();
    }
  });
  document.addEventListener('close', (event) => {
    if (event.target.matches && event.target.matches('.scan__dialog')) stop();
  }, true);
}
