/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_APPOINTMENT_DIALOG (tonic_appointment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TonicAppointmentDialog, tonic_appointment_dialog, TONIC,
                      APPOINTMENT_DIALOG, AdwWindow)

/* The booking form, a modal window over @parent: books a new appointment
 * (@appointment NULL) or edits/moves @appointment. Patient (searched with
 * tonic_store_list_patients_async()), type (which sets the default
 * length), date, start time, length, chair (1 … @n_chairs), the staff
 * member when @actor may see the staff list (otherwise @actor, or whoever
 * the appointment had), and a note. Each field is checked next to itself;
 * before saving, the store is asked for overlaps in the same chair, which
 * are named in the window and need a second press ("Book Anyway").
 *
 * Emits "saved" (TonicAppointment *appointment) once the store has it, and
 * closes. A refusal leaves the window open with the reason next to the
 * field. */
TonicAppointmentDialog *tonic_appointment_dialog_new         (GtkWindow              *parent,
                                                              TonicStore             *store,
                                                              TonicStaff             *actor,
                                                              int                     n_chairs,
                                                              TonicAppointment       *appointment);
/* For a booking: when it starts (date and time in the form), its chair,
 * and its patient (read from the store for their name). */
void                    tonic_appointment_dialog_set_start   (TonicAppointmentDialog *self,
                                                              GDateTime              *start);
void                    tonic_appointment_dialog_set_chair   (TonicAppointmentDialog *self,
                                                              int                     chair);
void                    tonic_appointment_dialog_set_patient (TonicAppointmentDialog *self,
                                                              gint64                  patient_id);

G_END_DECLS
