/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "tonic-appointment.h"

/* Who may move an appointment along the Today board, written out once for
 * the tests that check it: test-appointment (the core table) and
 * test-appointments (the same moves through the store, signed in as each
 * role). Written literally on purpose, not taken from
 * tonic_appointment_can_transition(): changing a move in the production
 * table must make both tests fail until someone decides here that it is
 * right.
 *
 * For each role, rows are "from" and columns "to", both in the order
 * scheduled, arrived, in-chair, recovery, discharged, no-show, cancelled;
 * 'x' marks an allowed move. */

G_STATIC_ASSERT (TONIC_N_ROLES == 4);
G_STATIC_ASSERT (TONIC_N_APPOINTMENT_STATES == 7);

static const char *const expected_transitions[TONIC_N_ROLES][TONIC_N_APPOINTMENT_STATES] = {
  [TONIC_ROLE_FRONT_DESK] = {
    /*             S A I R D N C */
    /* sched  */  ".x...xx",
    /* arrived */ "x......",
    /* in-chair */".......",
    /* recovery */".......",
    /* disch  */  ".......",
    /* no-show */ "x......",
    /* cancel */  "x......",
  },
  [TONIC_ROLE_ADMIN] = {
    ".x...xx",
    "x......",
    ".......",
    ".......",
    ".......",
    "x......",
    "x......",
  },
  [TONIC_ROLE_CLINICIAN] = {
    ".x...xx",
    "x.x....",
    "...x...",
    "....x..",
    ".......",
    "x......",
    "x......",
  },
  [TONIC_ROLE_NURSE] = {
    ".x...xx",
    "x.x....",
    "...x...",
    "....x..",
    ".......",
    "x......",
    "x......",
  },
};

/* 6 moves each for the desk roles, 9 for the clinical ones. */
#define EXPECTED_N_TRANSITIONS (6 + 6 + 9 + 9)

static inline gboolean
expected_transition (TonicRole             role,
                     TonicAppointmentState from,
                     TonicAppointmentState to)
{
  g_assert (strlen (expected_transitions[role][from]) == TONIC_N_APPOINTMENT_STATES);

  return expected_transitions[role][from][to] == 'x';
}
