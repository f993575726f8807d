/* landstad: a thin main over liblandstad; everything happens in cli_main. */
#include <config.h>

#include "cli.h"

int
main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
