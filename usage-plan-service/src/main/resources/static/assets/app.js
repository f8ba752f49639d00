// Turnpike management UI: small enhancements; every page works without this script.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute('data-copy'));
  var note = document.querySelector('[data-copied-note]');
  field.select();
  var done = function () {
    if (note) {
      note.hidden = false;
    }
    button.textContent = 'Copied';
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, function () {
      document.execCommand('copy');
      done();
    });
  }
  else {
    document.execCommand('copy');
    done();
  }
});
