/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-practice-dir.h"

G_BEGIN_DECLS

typedef enum
{
  TONIC_STAFF_DIALOG_ADD,      /* a new staff member: name, username, role, password */
  TONIC_STAFF_DIALOG_EDIT,     /* the name and role of a staff member */
  TONIC_STAFF_DIALOG_PASSWORD, /* a new password for a staff member */
} TonicStaffDialogMode;

#define TONIC_TYPE_STAFF_DIALOG (tonic_staff_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TonicStaffDialog, tonic_staff_dialog, TONIC, STAFF_DIALOG, AdwWindow)

/* A modal window over @parent that checks what is typed next to each field
 * and saves it through @store. Adding a person and setting a password also
 * give that person a key slot in @practice_dir (under @key), so their
 * password unlocks the practice where the keyring cannot; editing needs
 * neither (they may be NULL). @staff is NULL when adding.
 *
 * Emits "saved" (TonicStaff *staff, const char *problem) once the store has
 * the change, and closes. @staff is the saved member; @problem, when not
 * NULL, says what failed after the store saved (the key slot). A refused
 * save leaves the window open with the reason next to the field. */
TonicStaffDialog *tonic_staff_dialog_new (TonicStaffDialogMode  mode,
                                          GtkWindow            *parent,
                                          TonicStore           *store,
                                          TonicPracticeDir     *practice_dir,
                                          TonicKey             *key,
                                          TonicStaff           *staff);
TonicStaffDialogMode tonic_staff_dialog_get_mode (TonicStaffDialog *self);

G_END_DECLS
