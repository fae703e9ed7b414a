// Ruqsat: a little help in the browser. Every page works without it. It validates form fields
// as the user types (messages in the page's language, from data-msg-* attributes), saves an
// application's step before the language switch, and shows the progress of uploads.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // A form sent back with errors: the summary takes the focus, so a screen reader reads it and
  // the keyboard starts from it (its links lead to the fields).
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();

  function messageFor(input) {
    if (input.validity.valueMissing) return input.dataset.msgRequired || input.validationMessage;
    if (input.validity.patternMismatch) return input.dataset.msgPattern || input.validationMessage;
    if (!input.validity.valid) return input.validationMessage;
    return "";
  }

  function show(input) {
    var slot = document.getElementById("err-" + input.id);
    var message = messageFor(input);
    if (slot) slot.textContent = message;
    var field = input.closest(".field");
    if (field) field.classList.toggle("invalid", message !== "");
    if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    return message === "";
  }

  document.querySelectorAll("form").forEach(function (form) {
    var inputs = form.querySelectorAll("input[id], select[id], textarea[id]");
    if (!form.querySelector("[data-msg-required]")) return;
    form.setAttribute("novalidate", "");
    inputs.forEach(function (input) {
      input.addEventListener("input", function () { show(input); });
      input.addEventListener("blur", function () { show(input); });
    });
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (submitter && submitter.hasAttribute("formnovalidate")) return;
      var first = null;
      inputs.forEach(function (input) { if (!show(input) && !first) first = input; });
      if (first) { event.preventDefault(); first.focus(); }
    });
  });

  // On a step of an application the language switch first saves what was typed (the step's
  // form goes to the server with the action "lang"), then the page comes back in the language.
  var draft = document.querySelector("form[data-draft]");
  var lang = document.getElementById("lang-select");
  if (lang) lang.addEventListener("change", function () {
    if (!draft) { lang.form.submit(); return; }
    draft.querySelector("input[name=switch_lang]").value = lang.value;
    var action = document.createElement("input");
    action.type = "hidden";
    action.name = "action";
    action.value = "lang";
    draft.appendChild(action);
    draft.submit();
  });

  // Files go up with a progress bar; without this script the form sends them all the same.
  if (draft && draft.enctype === "multipart/form-data") {
    draft.addEventListener("submit", function (event) {
      var files = draft.querySelectorAll("input[type=file]");
      var chosen = Array.prototype.some.call(files, function (input) { return input.files && input.files.length > 0; });
      if (!chosen) return;
      event.preventDefault();
      var data = new FormData(draft, event.submitter);
      var box = draft.querySelector(".progress");
      var bar = document.getElementById("upload-progress");
      if (box) box.hidden = false;
      var request = new XMLHttpRequest();
      request.open("POST", draft.getAttribute("action"));
      request.upload.addEventListener("progress", function (progress) {
        if (progress.lengthComputable && bar) bar.value = Math.round(100 * progress.loaded / progress.total);
      });
      request.addEventListener("load", function () { window.location.assign(request.responseURL || window.location.href); });
      request.addEventListener("error", function () { window.location.reload(); });
      request.send(data);
    });
  }

})();
