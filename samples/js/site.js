// The sample page's own script: a click counter (the e2e tests check that the page's listeners
// still work after reader mode closes), and the cookie banner's accept button.
document.getElementById('like-button').addEventListener('click', function () {
  var c = document.getElementById('like-count');
  c.textContent = String(Number(c.textContent) + 1);
});
document.querySelector('.cookie-accept').addEventListener('click', function () {
  document.getElementById('cookie-consent').hidden = true;
});
