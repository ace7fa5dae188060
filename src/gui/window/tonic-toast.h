/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Toasts, one way for the whole window.
 *
 * A toast goes to the nearest AdwToastOverlay above the widget that shows
 * it: the workspace's, which is destroyed on lock and sign-out with every
 * toast in it, so no patient's name outlives the person who saw it. An
 * overlay shows one toast at a time: a newer one replaces the one before
 * (a queued toast would wait behind a stale one). */

/* A toast titled with plain @text (escaped: a toast's title is markup). */
AdwToast *_tonic_toast_new  (const char   *text);
/* Shows @toast (taking it); dropped when @widget is in no overlay. */
void      _tonic_toast_show  (GtkWidget    *widget,
                              AdwToast     *toast);
/* Shows a toast of plain @text. */
void      _tonic_toast_show_text  (GtkWidget    *widget,
                                   const char   *text);
/* Shows a toast of @error's message. */
void      _tonic_toast_show_error (GtkWidget    *widget,
                                   const GError *error);

G_END_DECLS
