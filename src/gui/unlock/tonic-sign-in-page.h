/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_SIGN_IN_PAGE (tonic_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (TonicSignInPage, tonic_sign_in_page, TONIC, SIGN_IN_PAGE, AdwBin)

/* Shows the sign-in form for @practice. With @locked_by, the page is the
 * lock screen: it says who locked it and when (now). The signal
 * "signed-in" (TonicStaff) is emitted after a successful sign-in. */
void tonic_sign_in_page_reset   (TonicSignInPage *self,
                                 TonicStore      *store,
                                 TonicPractice   *practice,
                                 TonicStaff      *locked_by);
/* Signs in with these credentials as if typed and submitted. */
void tonic_sign_in_page_sign_in (TonicSignInPage *self,
                                 const char      *username,
                                 const char      *password);

G_END_DECLS
