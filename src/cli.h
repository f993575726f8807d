/* The command line: a table of subcommands (name, usage, summary, function), their
 * options and the documented exit codes. main() only calls cli_main(). */
#ifndef LS_CLI_H
#define LS_CLI_H

int cli_main(int argc, char **argv);

#endif
