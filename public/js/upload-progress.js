// Upload progress for forms marked data-upload-progress: the form is sent with XMLHttpRequest so the
// bytes sent can be shown in a <progress>; the page the server answers with (the list after a redirect,
// or the form with its errors) then replaces this one, as if the browser had posted the form itself.
// Without JavaScript the same form simply posts. Texts come from the page (data-* attributes).
(function () {
  'use strict';
  if (!('FormData' in window) || !('upload' in XMLHttpRequest.prototype)) return;

  function showResponse(xhr) {
    const html = xhr.responseText;
    const url = xhr.responseURL;
    document.open();
    document.write(html);
    document.close();
    if (url) history.replaceState(null, '', url);
  }

  function enhance(form) {
    const box = form.querySelector('.upload-progress');
    if (!box) return;
    const bar = box.querySelector('progress');
    const status = box.querySelector('.upload-progress__status');
    const buttons = form.querySelectorAll('button[type="submit"]');
    let lastAnnounced = -1;

    function say(text) {
      status.textContent = text;
    }

    function fail() {
      box.classList.add('upload-progress--failed');
      say(box.dataset.failed);
      buttons.forEach((b) => (b.disabled = false));
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.addEventListener('progress', (e) => {
        if (!e.lengthComputable) return;
        const percent = Math.floor((e.loaded / e.total) * 100);
        bar.value = percent;
        // Announce in steps of ten so a screen reader is not flooded.
        const step = Math.floor(percent / 10) * 10;
        if (step !== lastAnnounced) {
          lastAnnounced = step;
          say(box.dataset.sending.replace('{percent}', String(step)));
        }
      });
      xhr.upload.addEventListener('load', () => {
        bar.value = 100;
        say(box.dataset.saving);
      });
      xhr.addEventListener('load', () => showResponse(xhr));
      xhr.addEventListener('error', fail);
      xhr.addEventListener('abort', fail);
      xhr.addEventListener('timeout', fail);

      box.hidden = false;
      box.classList.remove('upload-progress--failed');
      bar.value = 0;
      lastAnnounced = -1;
      say(box.dataset.sending.replace('{percent}', '0'));
      buttons.forEach((b) => (b.disabled = true));
      xhr.send(new FormData(form));
    });
  }

  document.querySelectorAll('form[data-upload-progress]').forEach(enhance);
})();
