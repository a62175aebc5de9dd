// The sign-in link is /#token=…: the token sits in the fragment, which the browser never sends in a request line (so it
// never reaches a request log). This posts it, as the form would, and lands on the dashboard with the fragment gone.
function signInFromLink() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  history.replaceState(null, '', '/');
  const body = new URLSearchParams({ token: decodeURIComponent(match[1]) });
  fetch('/api/session', { method: 'POST', body, credentials: 'same-origin', redirect: 'manual' }).then((response) => {
    if (response.type === 'opaqueredirect' || response.ok) location.replace('/');
    else document.getElementById('signin-error').textContent = 'That link does not hold this server\u2019s token (was the server restarted?).';
  });
}

// A link opened in a tab already on this page changes only the fragment: no reload, so listen for it too.
window.addEventListener('hashchange', signInFromLink);
signInFromLink();
