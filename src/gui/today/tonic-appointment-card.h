/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_APPOINTMENT_CARD (tonic_appointment_card_get_type ())
G_DECLARE_FINAL_TYPE (TonicAppointmentCard, tonic_appointment_card, TONIC, APPOINTMENT_CARD,
                      AdwBin)

/* One appointment on the Today board: its time, patient, type and state
 * with the time of the last change and a timer since it, the check-in
 * confirmations, and the moves @role may make (only when @can_edit) as a
 * primary button and a menu. Its buttons activate the Today view's
 * actions: today.check-in (x), today.move ((xs): id and the state's id),
 * today.edit (x) and today.open-patient (x). In the chair and in recovery
 * it offers roles that document sessions "Document Session", which
 * activates the workspace's workspace.start-session ((xx): the patient's
 * and the appointment's ids). @conflict marks an overlap with another
 * appointment in the same chair. */
GtkWidget        *tonic_appointment_card_new             (TonicAppointment     *appointment,
                                                          TonicRole             role,
                                                          gboolean              can_edit,
                                                          gboolean              conflict);
TonicAppointment *tonic_appointment_card_get_appointment (TonicAppointmentCard *self);
/* Sets the timer text for @now (the view's one timer calls this). */
void              tonic_appointment_card_update_timer    (TonicAppointmentCard *self,
                                                          GDateTime            *now);
/* Gives the keyboard focus to the card's main button. */
gboolean          tonic_appointment_card_grab_focus      (TonicAppointmentCard *self);

G_END_DECLS
