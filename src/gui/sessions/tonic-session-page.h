/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_SESSION_PAGE (tonic_session_page_get_type ())
G_DECLARE_FINAL_TYPE (TonicSessionPage, tonic_session_page, TONIC, SESSION_PAGE, AdwBin)

/* A documented session as its own page (UI.md): a header bar with a back
 * button and Sign (clinicians), the next due vitals check pinned at the
 * top, and the parts of the session in the order of the work — pre-checks,
 * weight, the dose calculator with its working, what was given, dosing
 * times, vitals with their alerts, side effects, rating scales scored
 * live, REMS (esketamine), discharge and a note. Changes are saved as they
 * are made (and with Ctrl+S, and when the page goes). A signed session, or
 * one the actor may only read, is shown read-only with its amendments, and
 * clinicians add amendments. "back" is emitted when the person asks to go
 * back to where the page was opened from. */
GtkWidget *tonic_session_page_new            (TonicStore       *store,
                                              TonicStaff       *actor);
/* Shows session @session_id. */
void       tonic_session_page_open           (TonicSessionPage *self,
                                              gint64            session_id);
/* Starts documenting a session of @patient_id (for @appointment_id, or
 * 0): the appointment's draft when there is one, else a new draft on the
 * patient's signed plan (tonic_store_start_session_async()). */
void       tonic_session_page_start          (TonicSessionPage *self,
                                              gint64            patient_id,
                                              gint64            appointment_id);
/* The session shown, or 0 while it loads. */
gint64     tonic_session_page_get_session_id (TonicSessionPage *self);
/* Saves the changes that wait to be saved now. */
void       tonic_session_page_save           (TonicSessionPage *self);

G_END_DECLS
