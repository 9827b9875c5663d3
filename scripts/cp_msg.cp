* cp_msg.cp: MSG, CP's ordinary message. See docs/console.md#smsg-and-msg,
* #cp-messages.
* The text, the rest of the line after the userid as typed, shows on the target's
* terminal as "hh:mm:ss MSG FROM userid: text"; nothing shows on the sender's. MSG * is
* yourself. A target with SET MSG OFF is not receiving (DMKMSG057E ...; MSG OFF), one
* not logged on gets DMKMSG045W. MSG goes through no VMCF at all.
LOGON A
LOGON B
MSG A Hello A, this is B.
M A   blanks after the userid are kept
MSG * a note to myself
A: SET MSG OFF
MSG A are you there?
*= B: ERROR DMKMSG057E
A: SET MSG ON
MESSAGE A back on
MSG NOBODY hello
*= B: ERROR DMKMSG045W
MSG
*= B: ERROR DMKMSG020E
