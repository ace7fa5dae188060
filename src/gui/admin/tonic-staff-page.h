/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-practice-dir.h"

G_BEGIN_DECLS

#define TONIC_TYPE_STAFF_PAGE (tonic_staff_page_get_type ())
G_DECLARE_FINAL_TYPE (TonicStaffPage, tonic_staff_page, TONIC, STAFF_PAGE, AdwBin)

/* Staff accounts for administrators: everyone, deactivated people too,
 * with adding, editing, resetting a password, deactivating and
 * reactivating. Changes of who may unlock the practice go to the key slots
 * of @practice_dir (under @key); @actor is the signed-in administrator. */
void tonic_staff_page_set_session (TonicStaffPage   *self,
                                   TonicStore       *store,
                                   TonicPracticeDir *practice_dir,
                                   TonicKey         *key,
                                   TonicStaff       *actor);
/* Reads the staff list again. */
void tonic_staff_page_reload      (TonicStaffPage   *self);

G_END_DECLS
