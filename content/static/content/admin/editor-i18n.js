/* The editor bundle labels its dialogs through window.gettext when it loads: give it
   the admin's labels (rendered by content/widgets.py into data-labels), falling back to
   Django's JavaScript catalogue when the page has one. Imported first by editor.js. */
const previous = window.gettext;
let labels = null;

export function label(key) {
  if (labels === null) {
    const holder = document.querySelector("textarea[data-rich-text][data-labels]");
    try {
      labels = holder ? JSON.parse(holder.dataset.labels) : {};
    } catch (error) {
      labels = {};
    }
  }
  if (Object.prototype.hasOwnProperty.call(labels, key)) {
    return labels[key];
  }
  return previous ? previous(key) : key;
}

window.gettext = label;
