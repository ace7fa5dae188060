/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TONIC_TYPE_PREFERENCES_WINDOW (tonic_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TonicPreferencesWindow, tonic_preferences_window, TONIC,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

/* This workstation's preferences (GSettings): when the window locks
 * itself, and the unit weights are shown in. Practice-wide settings are
 * the administrator's, in the Admin view. */
GtkWidget *tonic_preferences_window_new (GtkWindow *parent,
                                         GSettings *settings);

G_END_DECLS
