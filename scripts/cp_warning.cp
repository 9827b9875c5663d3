* cp_warning.cp: WARNING userid text and SET WNG ON|OFF. A warning shows on the target's
* terminal as hh:mm:ss WNG FROM userid: text; SET WNG OFF refuses it with DMKMSG057E ...
* NOT RECEIVING; WNG OFF (MSG still arrives). The text is cut where CP's 134-character
* line ends, as for MSG (docs/decisions.md#d16). CP kept WARNING for classes A and B; privilege classes are
* not modelled, so every user may issue it. Bad input: no userid, *, yourself, a userid
* not logged on, SET WNG with a wrong value.
LOGON OPERATOR
LOGON A
OPERATOR: WARNING A SYSTEM GOING DOWN AT 17:00
OPERATOR: W A short form
SET WNG OFF
OPERATOR: WARNING A you will not see this
*= OPERATOR: ERROR DMKMSG057E
OPERATOR: MSG A but this you see
SET WNG ON
OPERATOR: W A and warnings again
Q SET
* Bad input.
WARNING
*= A: ERROR DMKMSG020E
WARNING *  to myself
*= A: ERROR DMKMSG020E
WARNING A  to myself by name
*= A: ERROR DMKMSG020E
WARNING NOBODY hello
*= A: ERROR DMKMSG045W
SET WNG MAYBE
*= A: ERROR DMKCFS002E
SET WNG
*= A: ERROR DMKCFS026E
SET WNG ON OFF
*= A: ERROR DMKCFS002E
