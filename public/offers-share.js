// The share button of an offer's page (app/src/pages/offers.rs), the only script of the offers
// pages, which are not hydrated (docs/PERFORMANCE.md). Without this script the button is a plain
// link to the page. With it: the Web Share API where the browser has it (phones), otherwise the
// link is copied and a translated confirmation is announced (role="status").
for (const button of document.querySelectorAll('[data-share-url]')) {
  const status = button.parentElement.querySelector('.share__status');
  const say = (text) => { if (status) status.textContent = text; };
  button.addEventListener('click', async (event) => {
    event.preventDefault();
    const url = button.dataset.shareUrl;
    const title = button.dataset.shareTitle;
    if (navigator.share) {
      try { await navigator.share({ title, url }); } catch (_) { /* closed by the visitor */ }
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      say(button.dataset.copied);
    } catch (_) {
      say(button.dataset.failed);
    }
  });
}
