// Comments without a page reload. The form works without this file: it posts and the
// server redirects back (or shows the form again with what to fix, and a token to send).
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  if (!form || !window.fetch) return;
  var status = form.querySelector("[data-status]");
  var tokenField = form.querySelector("[data-token]");
  var parent = form.querySelector("[data-parent]");
  var replying = form.querySelector("[data-replying]");
  var button = form.querySelector("button[type=submit]");
  var asked = null; // the request for this reader's token, once they start writing

  // Pages come from caches shared by every reader, so the form holds no token: ask for
  // one of this reader's own (never cached) when they start writing.
  function token() {
    if (tokenField.value) return Promise.resolve(tokenField.value);
    if (!asked) {
      asked = fetch(form.getAttribute("data-token-url"), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      })
        .then(function (response) {
          return response.ok ? response.json() : {};
        })
        .then(function (body) {
          if (body.token) tokenField.value = body.token;
        })
        .catch(function () {}) // without one, the server sends the form back with one
        .then(function () {
          asked = null;
          return tokenField.value;
        });
    }
    return asked;
  }

  form.addEventListener("focusin", token);
  form.addEventListener("input", token);

  function clearErrors() {
    form.querySelectorAll("[data-error-for]").forEach(function (el) {
      el.textContent = "";
      el.hidden = true;
      el.parentElement.classList.remove("field--error");
    });
  }

  function showErrors(errors) {
    Object.keys(errors || {}).forEach(function (name) {
      var el = form.querySelector('[data-error-for="' + name + '"]');
      if (!el) return;
      el.textContent = errors[name][0];
      el.hidden = false;
      el.parentElement.classList.add("field--error");
    });
  }

  document.querySelectorAll("[data-reply]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      parent.value = link.getAttribute("data-reply");
      replying.textContent = link.textContent + ": " + link.getAttribute("data-name");
      replying.hidden = false;
      form.querySelector("textarea").focus();
    });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    button.disabled = true; // one click, one comment
    token()
      .then(function () {
        return fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
      })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        // Not our JSON (e.g. an error page from a proxy): let the ordinary post show the page.
        if (type.indexOf("json") === -1) throw new Error("not json");
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (result) {
        if (result.ok) {
          tokenField.value = ""; // a token is good for one comment: the next one asks again
          status.textContent = result.body.message;
          form.querySelector("textarea").value = "";
          parent.value = "";
          replying.hidden = true;
        } else {
          // The token to send next: the same while it can still be used, else a new one.
          if (result.body.token) tokenField.value = result.body.token;
          status.textContent = result.body.detail;
          showErrors(result.body.errors);
        }
      })
      .catch(function () {
        // Network trouble: send the form the ordinary way; the text is kept by the server.
        form.submit();
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
