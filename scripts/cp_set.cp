* cp_set.cp: SET EMSG ON|OFF|CODE|TEXT, SET IMSG ON|OFF, and QUERY SET showing every
* setting the VM has, in CP's layout (word, value in four columns, joined by commas).
* EMSG decides how CP's error messages appear on the VM's terminal: id and text (ON), the
* id (CODE), the text (TEXT), or nothing (OFF; the line still fails, exit status 1).
* IMSG OFF hides CP's informational responses (STORAGE = after DEFINE STORAGE, SYSTEM
* RESET, FORCE's report). Both change only this VM's terminal: the JSON events stay the
* same. vmcfsim's own notes (program checks) are not CP messages and always show.
LOGON A
LOGON B
Q SET
A: MSG NOBODY hello
SET EMSG CODE
MSG NOBODY hello
SET EMSG TEXT
MSG NOBODY hello
SET EMSG OFF
MSG NOBODY hello
A: MSG NOBODY A still sees its own errors in full
DIAG 68 L804
SET EMSG ON
Q SET
* IMSG: informational responses.
DEFINE STORAGE 2M
SET IMSG OFF
DEFINE STORAGE 1M
SYSTEM RESET
Q SET
Q STORAGE
SET IMSG ON
SYSTEM RESET
* Bad input: every wrong value.
SET EMSG
SET EMSG YES
SET EMSG CODE TEXT
SET IMSG
SET IMSG CODE
SET RUN ON
