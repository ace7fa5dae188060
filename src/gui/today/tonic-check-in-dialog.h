/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_CHECK_IN_DIALOG (tonic_check_in_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TonicCheckInDialog, tonic_check_in_dialog, TONIC, CHECK_IN_DIALOG,
                      AdwWindow)

/* Checking in the patient of a scheduled @appointment at the desk: their
 * legal name and date of birth to read back with them (a required
 * confirmation), their phone and address to bring up to date, and the
 * desk's pre-checks (a driver home, fasting). A modal window over @parent;
 * the patient is read with tonic_store_open_patient_async().
 *
 * Emits "checked-in" (TonicAppointment *appointment) once the store has
 * moved it to arrived (after saving changed contact details), and closes.
 * A refusal leaves the window open with the reason next to the field. */
TonicCheckInDialog *tonic_check_in_dialog_new (GtkWindow        *parent,
                                               TonicStore       *store,
                                               TonicAppointment *appointment);

G_END_DECLS
