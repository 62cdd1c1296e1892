/*
** The PDF reports' libraries (cairo, pango, fontconfig, glib), loaded when
** the first PDF is drawn rather than when pacta starts: every other command
** starts without them (issue 18, part 6). report_pdf.c includes this after
** their headers, so each call it makes goes through the table pdf_lib_load
** fills with dlsym; the headers still give every type and prototype.
*/
#ifndef PACTA_PDF_LIB_H
#define PACTA_PDF_LIB_H

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "util.h"

/* X(LIBRARY, FUNCTION): the library (an index into pdf_lib.c's sonames)
** that holds each function report_pdf.c calls. */
#define PDF_LIB_CAIRO 0
#define PDF_LIB_PANGO 1
#define PDF_LIB_PANGOCAIRO 2
#define PDF_LIB_FONTCONFIG 3
#define PDF_LIB_GOBJECT 4
#define PDF_LIB_GLIB 5
#define PDF_LIB_FUNCTIONS(X)                                                                       \
  X(PDF_LIB_CAIRO, cairo_create)                                                                   \
  X(PDF_LIB_CAIRO, cairo_destroy)                                                                  \
  X(PDF_LIB_CAIRO, cairo_fill)                                                                     \
  X(PDF_LIB_CAIRO, cairo_move_to)                                                                  \
  X(PDF_LIB_CAIRO, cairo_pdf_surface_create_for_stream)                                            \
  X(PDF_LIB_CAIRO, cairo_pdf_surface_set_metadata)                                                 \
  X(PDF_LIB_CAIRO, cairo_rectangle)                                                                \
  X(PDF_LIB_CAIRO, cairo_set_line_width)                                                           \
  X(PDF_LIB_CAIRO, cairo_set_source_rgb)                                                           \
  X(PDF_LIB_CAIRO, cairo_show_page)                                                                \
  X(PDF_LIB_CAIRO, cairo_status_to_string)                                                         \
  X(PDF_LIB_CAIRO, cairo_stroke)                                                                   \
  X(PDF_LIB_CAIRO, cairo_surface_destroy)                                                          \
  X(PDF_LIB_CAIRO, cairo_surface_finish)                                                           \
  X(PDF_LIB_CAIRO, cairo_surface_status)                                                           \
  X(PDF_LIB_PANGO, pango_font_description_free)                                                    \
  X(PDF_LIB_PANGO, pango_font_description_from_string)                                             \
  X(PDF_LIB_PANGO, pango_font_description_set_absolute_size)                                       \
  X(PDF_LIB_PANGO, pango_font_description_set_weight)                                              \
  X(PDF_LIB_PANGO, pango_layout_get_iter)                                                          \
  X(PDF_LIB_PANGO, pango_layout_get_size)                                                          \
  X(PDF_LIB_PANGO, pango_layout_iter_free)                                                         \
  X(PDF_LIB_PANGO, pango_layout_iter_get_baseline)                                                 \
  X(PDF_LIB_PANGO, pango_layout_iter_get_line_extents)                                             \
  X(PDF_LIB_PANGO, pango_layout_iter_get_line_readonly)                                            \
  X(PDF_LIB_PANGO, pango_layout_iter_next_line)                                                    \
  X(PDF_LIB_PANGO, pango_layout_new)                                                               \
  X(PDF_LIB_PANGO, pango_layout_set_alignment)                                                     \
  X(PDF_LIB_PANGO, pango_layout_set_ellipsize)                                                     \
  X(PDF_LIB_PANGO, pango_layout_set_font_description)                                              \
  X(PDF_LIB_PANGO, pango_layout_set_text)                                                          \
  X(PDF_LIB_PANGO, pango_layout_set_width)                                                         \
  X(PDF_LIB_PANGO, pango_layout_set_wrap)                                                          \
  X(PDF_LIB_PANGOCAIRO, pango_cairo_create_context)                                                \
  X(PDF_LIB_PANGOCAIRO, pango_cairo_show_layout)                                                   \
  X(PDF_LIB_PANGOCAIRO, pango_cairo_show_layout_line)                                              \
  X(PDF_LIB_FONTCONFIG, FcInit)                                                                    \
  X(PDF_LIB_GOBJECT, g_object_unref)                                                               \
  X(PDF_LIB_GLIB, g_malloc0)                                                                       \
  X(PDF_LIB_GLIB, g_malloc0_n)                                                                     \
  X(PDF_LIB_GLIB, g_free)

typedef struct PdfLib {
#define PDF_LIB_FIELD(LIB, NAME) __typeof__(&NAME) NAME;
  PDF_LIB_FUNCTIONS(PDF_LIB_FIELD)
#undef PDF_LIB_FIELD
} PdfLib;

extern PdfLib pdf_lib;

/* Load the libraries and fill pdf_lib, once per process (thread-safe):
** 0, or -1 with a message naming the package to install in pErr. */
int pdf_lib_load(Buf *pErr);

#endif

/* report_pdf.c's calls, through the table (pdf_lib.c defines
** PDF_LIB_NO_REDIRECT to name the functions themselves). */
#ifndef PDF_LIB_NO_REDIRECT
#define cairo_create pdf_lib.cairo_create
#define cairo_destroy pdf_lib.cairo_destroy
#define cairo_fill pdf_lib.cairo_fill
#define cairo_move_to pdf_lib.cairo_move_to
#define cairo_pdf_surface_create_for_stream pdf_lib.cairo_pdf_surface_create_for_stream
#define cairo_pdf_surface_set_metadata pdf_lib.cairo_pdf_surface_set_metadata
#define cairo_rectangle pdf_lib.cairo_rectangle
#define cairo_set_line_width pdf_lib.cairo_set_line_width
#define cairo_set_source_rgb pdf_lib.cairo_set_source_rgb
#define cairo_show_page pdf_lib.cairo_show_page
#define cairo_status_to_string pdf_lib.cairo_status_to_string
#define cairo_stroke pdf_lib.cairo_stroke
#define cairo_surface_destroy pdf_lib.cairo_surface_destroy
#define cairo_surface_finish pdf_lib.cairo_surface_finish
#define cairo_surface_status pdf_lib.cairo_surface_status
#define pango_font_description_free pdf_lib.pango_font_description_free
#define pango_font_description_from_string pdf_lib.pango_font_description_from_string
#define pango_font_description_set_absolute_size pdf_lib.pango_font_description_set_absolute_size
#define pango_font_description_set_weight pdf_lib.pango_font_description_set_weight
#define pango_layout_get_iter pdf_lib.pango_layout_get_iter
#define pango_layout_get_size pdf_lib.pango_layout_get_size
#define pango_layout_iter_free pdf_lib.pango_layout_iter_free
#define pango_layout_iter_get_baseline pdf_lib.pango_layout_iter_get_baseline
#define pango_layout_iter_get_line_extents pdf_lib.pango_layout_iter_get_line_extents
#define pango_layout_iter_get_line_readonly pdf_lib.pango_layout_iter_get_line_readonly
#define pango_layout_iter_next_line pdf_lib.pango_layout_iter_next_line
#define pango_layout_new pdf_lib.pango_layout_new
#define pango_layout_set_alignment pdf_lib.pango_layout_set_alignment
#define pango_layout_set_ellipsize pdf_lib.pango_layout_set_ellipsize
#define pango_layout_set_font_description pdf_lib.pango_layout_set_font_description
#define pango_layout_set_text pdf_lib.pango_layout_set_text
#define pango_layout_set_width pdf_lib.pango_layout_set_width
#define pango_layout_set_wrap pdf_lib.pango_layout_set_wrap
#define pango_cairo_create_context pdf_lib.pango_cairo_create_context
#define pango_cairo_show_layout pdf_lib.pango_cairo_show_layout
#define pango_cairo_show_layout_line pdf_lib.pango_cairo_show_layout_line
#define FcInit pdf_lib.FcInit
#define g_object_unref pdf_lib.g_object_unref
#define g_malloc0 pdf_lib.g_malloc0
#define g_malloc0_n pdf_lib.g_malloc0_n
#define g_free pdf_lib.g_free
#endif
