/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tonic-practice-dir.h"
#include "tonic-window.h"

G_BEGIN_DECLS

/* For tests: where the window is and what it holds. */
const char       *_tonic_window_get_page          (TonicWindow *self);
GtkWidget        *_tonic_window_get_page_widget   (TonicWindow *self,
                                                   const char  *name);
TonicStore       *_tonic_window_get_store         (TonicWindow *self);
TonicStaff       *_tonic_window_get_staff         (TonicWindow *self);
TonicUnlockMethod _tonic_window_get_unlock_method (TonicWindow *self);
/* Replaces the idle-lock-minutes setting (0: never). */
void              _tonic_window_set_idle_timeout_ms (TonicWindow *self,
                                                     guint        timeout_ms);
/* The message shown on the error page, or NULL. */
const char       *_tonic_window_get_error_text    (TonicWindow *self);

G_END_DECLS
