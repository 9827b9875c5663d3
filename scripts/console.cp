* console.cp: the README's console example (docs/console.md#sessions-and-users). Each
* LOGON makes its VM the current user, named by the prompt; "userid: command" runs one
* command as another logged-on user without changing the current one.
LOGON A
LOGON B
A: QUERY NAMES
MSG A Hello from B
A: MSG B Hello yourself
