/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The printable recovery sheet: the practice, the date, the recovery key
 * in large type, and what to do with it. One page, drawn in points. */

void     tonic_recovery_sheet_draw      (cairo_t    *cr,
                                         double      width,
                                         double      height,
                                         const char *practice_name,
                                         const char *recovery_key,
                                         GDateTime  *date);

/* Writes the sheet as a one-page A4 PDF at @path, readable by the owner
 * alone (it holds a key to every record). */
gboolean tonic_recovery_sheet_write_pdf (const char  *path,
                                         const char  *practice_name,
                                         const char  *recovery_key,
                                         GDateTime   *date,
                                         GError     **error);

G_END_DECLS
