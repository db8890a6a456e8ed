"""What the app's few remaining mixins are mixed into, for the type checker: at run time each
is a plain class put in front of the Textual class it extends (a widget, the app), and the
checker reads it as a part of that class."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

    WidgetPart = Widget
    AppPart = App[Any]
else:
    WidgetPart = object
    AppPart = object
