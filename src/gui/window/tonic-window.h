/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-application.h"

G_BEGIN_DECLS

#define TONIC_TYPE_WINDOW (tonic_window_get_type ())
G_DECLARE_FINAL_TYPE (TonicWindow, tonic_window, TONIC, WINDOW, AdwApplicationWindow)

TonicWindow *tonic_window_new      (TonicApplication *application);
/* Hides and destroys everything the signed-in person was looking at and
 * asks for a sign-in; lock remembers who locked and when. */
void         tonic_window_lock     (TonicWindow      *self);
void         tonic_window_sign_out (TonicWindow      *self);

G_END_DECLS
