// The storefront's share button: the device's share sheet where the browser has one (Web Share
// API), else copy the link. The button stays hidden without JavaScript; the page needs none.
(function () {
  "use strict";
  var button = document.querySelector(".share-button");
  var status = document.querySelector("[data-share-status]");
  if (!button || !(navigator.share || (navigator.clipboard && window.isSecureContext))) {
    return;
  }
  var label = button.querySelector(".share-label");
  var url = button.dataset.shareUrl;
  if (!navigator.share) {
    label.textContent = "Copy link";
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    if (navigator.share) {
      // Closing the share sheet rejects the promise; that is the customer's choice, not an error.
      navigator.share({ title: button.dataset.shareTitle, url: url }).catch(function () {});
      return;
    }
    navigator.clipboard.writeText(url).then(function () {
      label.textContent = "Link copied";
      status.textContent = "Link copied to the clipboard.";
    }, function () {
      status.textContent = "Could not copy the link. Copy it from the address bar instead.";
    });
  });
})();
