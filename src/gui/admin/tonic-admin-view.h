/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-practice-dir.h"

G_BEGIN_DECLS

#define TONIC_TYPE_ADMIN_VIEW (tonic_admin_view_get_type ())
G_DECLARE_FINAL_TYPE (TonicAdminView, tonic_admin_view, TONIC, ADMIN_VIEW, AdwBin)

/* The Admin view of the workspace (administrators only): staff accounts,
 * the audit trail and practice settings. @key is the practice's key, needed
 * to give a staff member a key slot; @actor is the signed-in administrator. */
GtkWidget *tonic_admin_view_new (TonicStore       *store,
                                 TonicPracticeDir *practice_dir,
                                 TonicKey         *key,
                                 TonicStaff       *actor);

G_END_DECLS
