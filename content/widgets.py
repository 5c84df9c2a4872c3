"""The rich-text editor: a textarea that content/admin/editor.js turns into a small
contenteditable editor (bundled here, no CDN; without JavaScript the textarea stays)."""

from django import forms


class RichTextWidget(forms.Textarea):
    template_name = "django/forms/widgets/textarea.html"

    def __init__(self, attrs=None):
        super().__init__({"class": "rich-text", "data-rich-text": "1", "rows": 16, **(attrs or {})})

    class Media:
        css = {"all": ["content/admin/editor.css"]}
        js = ["content/admin/editor.js"]
