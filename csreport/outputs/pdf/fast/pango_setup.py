"""Set up each text's Pango layout from what its style already set up once.

WeasyPrint's ``Layout.setup`` makes a new Pango context and font description for
every piece of text, from the style, though both depend on the style alone. With
styles shared between cards (``renderer.card_section``) most texts repeat a style
already seen; this keeps the context, font description and font-features attributes
on the style and only makes the new layout. ``strut`` (line height and baseline of a
style) is remembered on the style too.

Internals touched: ``weasyprint.text.line_break.Layout.setup`` and ``strut`` (replaced,
also in the ``weasyprint.layout`` modules that imported ``strut`` by name), the
``weasyprint.text.ffi`` Pango bindings, ``weasyprint.text.fonts.font_features`` and
``get_font_description``, ``weasyprint.css.ComputedStyle``/``AnonymousStyle``. The
replacements are in place only inside ``fast.Accelerators.patched()``.
"""

from __future__ import annotations

import sys
from typing import Any

_KEY = "_csreport_pango"
_STRUT = "_csreport_strut"
_stock: dict[str, Any] = {}


def _style_setup(style: Any) -> tuple[Any, ...]:
    """What ``Layout.setup`` derives from ``style`` alone (WeasyPrint 70's code)."""
    from weasyprint.text.constants import LST_TO_ISO, PANGO_DIRECTION
    from weasyprint.text.ffi import FROM_UNITS, ffi, gobject, pango, unicode_to_char_p
    from weasyprint.text.fonts import font_features, get_font_description

    context = ffi.gc(pango.pango_font_map_create_context(style.font_config.font_map), gobject.g_object_unref)
    pango.pango_context_set_round_glyph_positions(context, False)
    pango.pango_context_set_base_dir(context, PANGO_DIRECTION[style["direction"]])
    if style["font_language_override"] != "normal":
        lang_p, lang = unicode_to_char_p(
            LST_TO_ISO.get(style["font_language_override"].lower(), style["font_language_override"])
        )
    elif style["lang"]:
        lang_p, lang = unicode_to_char_p(style["lang"])
    else:
        lang = None
        language = pango.pango_language_get_default()
    if lang:
        language = pango.pango_language_from_string(lang_p)
        pango.pango_context_set_language(context, language)
    description = get_font_description(style)
    metrics: tuple[Any, ...] = (None, None, None, None, None)
    if style["text_decoration_line"] != "none":
        found = ffi.gc(
            pango.pango_context_get_metrics(context, description, language), pango.pango_font_metrics_unref
        )
        metrics = tuple(
            FROM_UNITS * get(found)
            for get in (
                pango.pango_font_metrics_get_ascent,
                pango.pango_font_metrics_get_underline_position,
                pango.pango_font_metrics_get_strikethrough_position,
                pango.pango_font_metrics_get_underline_thickness,
                pango.pango_font_metrics_get_strikethrough_thickness,
            )
        )
    features = font_features(
        style["font_kerning"],
        style["font_variant_ligatures"],
        style["font_variant_position"],
        style["font_variant_caps"],
        style["font_variant_numeric"],
        style["font_variant_alternates"],
        style["font_variant_east_asian"],
        style["font_feature_settings"],
    )
    attr = None
    if features:
        text = ",".join(f"{key} {value}" for key, value in features.items()).encode()
        attr = style.font_config.font_features.setdefault(text, pango.pango_attr_font_features_new(text))
    return context, description, language, metrics, attr


def setup(self: Any, style: Any) -> None:
    """``Layout.setup`` with what depends on the style alone made once per style."""
    from weasyprint.text.ffi import ffi, gobject, pango

    if not _cacheable(style):
        _stock["setup"](self, style)
        return
    cached = style.__dict__.get(_KEY)
    if cached is None:
        cached = style.__dict__[_KEY] = _style_setup(style)
    context, description, language, metrics, attr = cached
    self.style = style
    self.first_line_direction = 0
    self.language = language
    self.layout = ffi.gc(pango.pango_layout_new(context), gobject.g_object_unref)
    pango.pango_layout_set_auto_dir(self.layout, False)
    pango.pango_layout_set_font_description(self.layout, description)
    self.ascent, self.underline_position, self.strikethrough_position = metrics[:3]
    if metrics[0] is not None:
        self.underline_thickness, self.strikethrough_thickness = metrics[3:]
    if attr is not None:
        attr_list = pango.pango_attr_list_new()
        pango.pango_attr_list_insert(attr_list, attr)
        pango.pango_layout_set_attributes(self.layout, attr_list)


def _cacheable(style: Any) -> bool:
    """Whether ``style`` comes from the cascade (and so never changes once computed);
    SVG text, for one, builds plain styles of its own."""
    from weasyprint.css import AnonymousStyle, ComputedStyle

    return type(style) in (ComputedStyle, AnonymousStyle)


def strut(style: Any) -> Any:
    """WeasyPrint's ``strut`` (a style's line height and baseline), remembered on the
    style instead of looked up by a key built from a dozen of its properties."""
    if not _cacheable(style):
        return _stock["strut"](style)
    found = style.__dict__.get(_STRUT)
    if found is None:
        found = style.__dict__[_STRUT] = _stock["strut"](style)
    return found


def _strut_modules() -> list[Any]:
    """WeasyPrint's modules that imported ``strut`` by name."""
    import weasyprint.layout  # noqa: F401  (loads the layout modules)

    return [
        m
        for n, m in list(sys.modules.items())
        if n.startswith("weasyprint.") and getattr(m, "strut", None) is _stock["strut"]
    ]


def install(patches: Any) -> None:
    """Replace ``Layout.setup`` and every module's ``strut`` through ``patches`` (a
    ``fast._Patches``, which puts them back)."""
    from weasyprint.text import line_break

    _stock["setup"] = line_break.Layout.setup
    _stock["strut"] = line_break.strut
    patches.replace(line_break.Layout, "setup", setup)
    for module in _strut_modules():
        patches.replace(module, "strut", strut)
