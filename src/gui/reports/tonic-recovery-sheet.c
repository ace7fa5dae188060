/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-recovery-sheet"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tonic-recovery-sheet.h"

#define A4_WIDTH_PT  595.276
#define A4_HEIGHT_PT 841.890

/* Lays out @text at (x, y) with @width; returns the height used. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           const char *font,
           double      x,
           double      y,
           double      width,
           gboolean    markup)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);

  return (double) h / PANGO_SCALE;
}

void
tonic_recovery_sheet_draw (cairo_t    *cr,
                           double      width,
                           double      height,
                           const char *practice_name,
                           const char *recovery_key,
                           GDateTime  *date)
{
  const double margin = 56.0;
  const double text_width = width - 2 * margin;
  g_autofree char *date_text = NULL;
  g_autofree char *practice_line = NULL;
  g_autofree char *escaped_name = NULL;
  double y = margin;
  double key_height;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (practice_name != NULL);
  g_return_if_fail (recovery_key != NULL);
  g_return_if_fail (date != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);

  y += draw_text (cr, _("Tonic Recovery Sheet"), "Sans Bold 22", margin, y, text_width, FALSE);
  y += 16;

  /* Translators: the date format on the recovery sheet; see g_date_time_format() */
  date_text = g_date_time_format (date, _("%-d %B %Y"));
  escaped_name = g_markup_escape_text (practice_name, -1);
  /* Translators: the first %s is the practice's name, the second a date */
  practice_line = g_strdup_printf (_("<b>Practice:</b> %s\n<b>Created:</b> %s"),
                                   escaped_name, date_text);
  y += draw_text (cr, practice_line, "Sans 12", margin, y, text_width, TRUE);
  y += 28;

  /* The key, boxed, in large fixed-width type. */
  {
    g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
    g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Monospace Bold 16");
    int w, h;

    pango_layout_set_font_description (layout, desc);
    pango_layout_set_text (layout, recovery_key, -1);
    pango_layout_set_width (layout, (int) ((text_width - 32) * PANGO_SCALE));
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    pango_layout_get_size (layout, &w, &h);
    key_height = (double) h / PANGO_SCALE + 32;

    cairo_set_line_width (cr, 1.5);
    cairo_rectangle (cr, margin, y, text_width, key_height);
    cairo_stroke (cr);
    cairo_move_to (cr, margin + 16, y + 16);
    pango_cairo_show_layout (cr, layout);
    y += key_height + 28;
  }

  y += draw_text (cr, _("What this key is for"), "Sans Bold 14", margin, y, text_width, FALSE);
  y += 6;
  y += draw_text (cr,
                  _("Tonic keeps the practice’s records encrypted. Normally the computer’s "
                    "keyring unlocks them. This recovery key opens the records when the keyring "
                    "cannot: on a new computer, after the keyring was reset, or when no staff "
                    "password works."),
                  "Sans 11", margin, y, text_width, FALSE);
  y += 18;

  y += draw_text (cr, _("How to use it"), "Sans Bold 14", margin, y, text_width, FALSE);
  y += 6;
  y += draw_text (cr,
                  _("When Tonic shows “Unlock the Practice”, type this key into the Recovery "
                    "Key field. Letters can be typed in any case and the dashes can be left "
                    "out. Tonic then puts the key back into the keyring."),
                  "Sans 11", margin, y, text_width, FALSE);
  y += 18;

  y += draw_text (cr, _("Keep it safe"), "Sans Bold 14", margin, y, text_width, FALSE);
  y += 6;
  y += draw_text (cr,
                  _("Store this sheet in a locked place away from the computer, such as the "
                    "practice safe. Anyone holding it and a copy of the practice files can read "
                    "every patient record. Do not photograph it, e-mail it or keep it on the "
                    "computer. If it is lost, there is no other way back in once the keyring "
                    "and every staff password are gone."),
                  "Sans 11", margin, y, text_width, FALSE);

  cairo_restore (cr);
}

gboolean
tonic_recovery_sheet_write_pdf (const char  *path,
                                const char  *practice_name,
                                const char  *recovery_key,
                                GDateTime   *date,
                                GError     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  /* Create the file owner-only before cairo writes into it. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not save the recovery sheet: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  surface = cairo_pdf_surface_create (path, A4_WIDTH_PT, A4_HEIGHT_PT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Tonic Recovery Sheet"));
  cr = cairo_create (surface);
  tonic_recovery_sheet_draw (cr, A4_WIDTH_PT, A4_HEIGHT_PT, practice_name, recovery_key, date);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not save the recovery sheet: %s"), cairo_status_to_string (status));
      g_unlink (path);
      return FALSE;
    }

  return TRUE;
}
