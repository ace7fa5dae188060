/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_SESSION_LIST (tonic_session_list_get_type ())
G_DECLARE_FINAL_TYPE (TonicSessionList, tonic_session_list, TONIC, SESSION_LIST, AdwBin)

/* The Sessions tab of a patient's record: the patient's sessions, newest
 * first (number, day, dose given, Draft or Signed, amendments, a summary of
 * the scores), and "Start Session" for roles that document sessions (when
 * the patient has a signed plan). Activating a session activates
 * workspace.open-session (x: its id); starting one activates
 * workspace.start-session ((xx): the patient's id, 0). The list reads the
 * store again whenever it comes back on screen. */
TonicSessionList *tonic_session_list_new         (void);
/* Who is signed in, and the store to read: before the first show(). */
void              tonic_session_list_set_session (TonicSessionList *self,
                                                  TonicStore       *store,
                                                  TonicStaff       *actor);
/* Shows the sessions of @patient. */
void              tonic_session_list_show        (TonicSessionList *self,
                                                  TonicPatient     *patient);
/* Shows nothing and forgets the patient (on lock, or another patient). */
void              tonic_session_list_clear       (TonicSessionList *self);

G_END_DECLS
