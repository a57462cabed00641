// Comments without a page reload. The form works without this file: it posts and the
// server redirects back (or shows the form again with what to fix).
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  if (!form || !window.fetch) return;
  var status = form.querySelector("[data-status]");
  var parent = form.querySelector("[data-parent]");
  var replying = form.querySelector("[data-replying]");
  var button = form.querySelector("button[type=submit]");

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
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
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
          status.textContent = result.body.message;
          form.querySelector("textarea").value = "";
          parent.value = "";
          replying.hidden = true;
        } else {
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
