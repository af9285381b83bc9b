"""Set up each text's Pango layout from what its style already set up once.

WeasyPrint's ``Layout.setup`` makes a new Pango context and font description for
every piece of text, from the style, though both depend on the style alone. With
styles shared between cards (``renderer.card_section``) most texts repeat a style
already seen; this keeps the context, font description and font-features attributes
on the style and only makes the new layout. ``strut`` (line height and baseline of a
style) is remembered on the style too.

Internals touched: ``weasyprint.text.line_break.Layout.setup`` and ``strut`` (replaced,
also in the ``weasyprint.layout`` modules that imported ``strut`` by name), the
``weasyprint.text.ffi`` Pango bindings, ``weasyprint.text.constants``,
``weasyprint.text.fonts.font_features`` and ``get_font_description``,
``weasyprint.css.ComputedStyle``/``AnonymousStyle``; all looked up by :func:`install`
through ``fast.internal``. The replacements are in place only inside
``fast.Accelerators.patched()``, and even then they do their own work only for a render
that set ``fast.RENDERING`` (csreport's own, in its own context): any other caller, such
as another thread's WeasyPrint, gets WeasyPrint's original function.
"""

from __future__ import annotations

import sys
from typing import Any

from csreport.outputs.pdf.fast import RENDERING, internal

_KEY = "_csreport_pango"
_STRUT = "_csreport_strut"


class _WeasyPrint:
    """The WeasyPrint internals used here, looked up by :func:`install` (originals included)."""

    setup: Any = None
    strut: Any = None
    lst_to_iso: Any = None
    pango_direction: Any = None
    from_units: Any = None
    ffi: Any = None
    gobject: Any = None
    pango: Any = None
    unicode_to_char_p: Any = None
    font_features: Any = None
    get_font_description: Any = None
    cascade_styles: tuple[Any, ...] = ()


_W = _WeasyPrint()


def _look_up() -> None:
    """Fill ``_W``; ``fast.InternalMissing`` when an internal is not there."""
    _W.setup = internal("weasyprint.text.line_break", "Layout.setup")
    _W.strut = internal("weasyprint.text.line_break", "strut")
    _W.lst_to_iso = internal("weasyprint.text.constants", "LST_TO_ISO")
    _W.pango_direction = internal("weasyprint.text.constants", "PANGO_DIRECTION")
    _W.from_units = internal("weasyprint.text.ffi", "FROM_UNITS")
    _W.ffi = internal("weasyprint.text.ffi", "ffi")
    _W.gobject = internal("weasyprint.text.ffi", "gobject")
    _W.pango = internal("weasyprint.text.ffi", "pango")
    _W.unicode_to_char_p = internal("weasyprint.text.ffi", "unicode_to_char_p")
    _W.font_features = internal("weasyprint.text.fonts", "font_features")
    _W.get_font_description = internal("weasyprint.text.fonts", "get_font_description")
    _W.cascade_styles = (
        internal("weasyprint.css", "ComputedStyle"),
        internal("weasyprint.css", "AnonymousStyle"),
    )


def _style_setup(style: Any) -> tuple[Any, ...]:
    """What ``Layout.setup`` derives from ``style`` alone (WeasyPrint 70's code)."""
    ffi, pango = _W.ffi, _W.pango
    context = ffi.gc(
        pango.pango_font_map_create_context(style.font_config.font_map), _W.gobject.g_object_unref
    )
    pango.pango_context_set_round_glyph_positions(context, False)
    pango.pango_context_set_base_dir(context, _W.pango_direction[style["direction"]])
    if style["font_language_override"] != "normal":
        lang_p, lang = _W.unicode_to_char_p(
            _W.lst_to_iso.get(style["font_language_override"].lower(), style["font_language_override"])
        )
    elif style["lang"]:
        lang_p, lang = _W.unicode_to_char_p(style["lang"])
    else:
        lang = None
        language = pango.pango_language_get_default()
    if lang:
        language = pango.pango_language_from_string(lang_p)
        pango.pango_context_set_language(context, language)
    description = _W.get_font_description(style)
    metrics: tuple[Any, ...] = (None, None, None, None, None)
    if style["text_decoration_line"] != "none":
        found = ffi.gc(
            pango.pango_context_get_metrics(context, description, language), pango.pango_font_metrics_unref
        )
        metrics = tuple(
            _W.from_units * get(found)
            for get in (
                pango.pango_font_metrics_get_ascent,
                pango.pango_font_metrics_get_underline_position,
                pango.pango_font_metrics_get_strikethrough_position,
                pango.pango_font_metrics_get_underline_thickness,
                pango.pango_font_metrics_get_strikethrough_thickness,
            )
        )
    features = _W.font_features(
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
    """``Layout.setup`` with what depends on the style alone made once per style (in
    csreport's own render; WeasyPrint's own ``setup`` for anyone else)."""
    if not (RENDERING.get() and _cacheable(style)):
        _W.setup(self, style)
        return
    ffi, pango = _W.ffi, _W.pango
    cached = style.__dict__.get(_KEY)
    if cached is None:
        cached = style.__dict__[_KEY] = _style_setup(style)
    context, description, language, metrics, attr = cached
    self.style = style
    self.first_line_direction = 0
    self.language = language
    self.layout = ffi.gc(pango.pango_layout_new(context), _W.gobject.g_object_unref)
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
    return type(style) in _W.cascade_styles


def strut(style: Any) -> Any:
    """WeasyPrint's ``strut`` (a style's line height and baseline), remembered on the
    style in csreport's own render; WeasyPrint's own ``strut`` for anyone else."""
    if RENDERING.get() and _cacheable(style):
        return _remembered_strut(style)
    return _W.strut(style)


def _remembered_strut(style: Any) -> Any:
    """``style``'s strut, computed once and kept on the style instead of looked up by a
    key built from a dozen of its properties."""
    found = style.__dict__.get(_STRUT)
    if found is None:
        found = style.__dict__[_STRUT] = _W.strut(style)
    return found


def _strut_modules() -> list[Any]:
    """WeasyPrint's modules that imported ``strut`` by name."""
    internal("weasyprint.layout")  # loads the layout modules
    return [
        m
        for n, m in list(sys.modules.items())
        if n.startswith("weasyprint.") and getattr(m, "strut", None) is _W.strut
    ]


def install(patches: Any) -> None:
    """Replace ``Layout.setup`` and every module's ``strut`` through ``patches`` (a
    ``fast._Patches``, which puts them back); ``fast.InternalMissing`` when an internal
    used here is missing (then nothing is replaced)."""
    _look_up()
    line_break = internal("weasyprint.text.line_break")
    modules = _strut_modules()
    patches.replace(line_break.Layout, "setup", setup)
    for module in modules:
        patches.replace(module, "strut", strut)
