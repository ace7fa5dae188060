/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-practice-dir.h"

G_BEGIN_DECLS

#define TONIC_TYPE_WORKSPACE (tonic_workspace_get_type ())
G_DECLARE_FINAL_TYPE (TonicWorkspace, tonic_workspace, TONIC, WORKSPACE, AdwBin)

/* What a signed-in staff member works in: the header bar with the views
 * their role may use, the primary menu, and emergency access. It is
 * destroyed on lock and sign-out, taking every widget that showed patient
 * data with it (a session page too).
 *
 * Widget actions any descendant may activate: workspace.open-session (x:
 * a session's id) and workspace.start-session ((xx): a patient's id and
 * an appointment's, or 0) show a session page over the views, and
 * workspace.close-session (the page's back button) returns to them as
 * they were. Neither is enabled for the front desk. */
GtkWidget  *tonic_workspace_new       (TonicStore       *store,
                                       TonicPractice    *practice,
                                       TonicPracticeDir *practice_dir,
                                       TonicKey         *key,
                                       TonicStaff       *staff);
TonicStaff *tonic_workspace_get_staff (TonicWorkspace   *self);

G_END_DECLS
