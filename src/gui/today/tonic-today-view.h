/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_TODAY_VIEW (tonic_today_view_get_type ())
G_DECLARE_FINAL_TYPE (TonicTodayView, tonic_today_view, TONIC, TODAY_VIEW, AdwBin)

/* The front desk's Today board (everyone): the day's appointments by
 * chair with their state, the time of each change and a live timer since
 * the last one; check-in, the moves along the board the actor's role may
 * make, and booking. A day picker shows other days. The signal
 * "open-patient" (gint64 patient id) asks the workspace to show a record. */
GtkWidget *tonic_today_view_new              (TonicStore     *store,
                                              TonicStaff     *actor);
/* Opens the booking form (for a patient, or none chosen: 0). */
void       tonic_today_view_new_appointment  (TonicTodayView *self,
                                              gint64          patient_id);

G_END_DECLS
