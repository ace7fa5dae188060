/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks a one-line text field the way every form does: not blank (the
 * @empty_message is returned then), valid UTF-8, no control characters or
 * line breaks, at most @max_chars characters. Any script is welcome.
 * Returns NULL when acceptable, else a translated message (g_free()). */
char *tonic_text_check_line (const char *text,
                             guint       max_chars,
                             const char *empty_message);

/* @text with leading and trailing white space removed (g_free()). */
char *tonic_text_strip      (const char *text);

/* The current time as UTC ISO-8601 with seconds ("2026-11-22T01:40:34Z"). */
char *tonic_text_now_utc    (void);

G_END_DECLS
