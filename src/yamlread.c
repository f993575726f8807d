/* Depth limit for YAML read from users' files. libyaml builds whatever nesting it is
 * given; a file of a million '[' would take memory and time for nothing. */
#include <config.h>

#include <yaml.h>

#include "util.h"
#include "yamlread.h"

int
yamlread_check_depth(const char *buf, size_t len, const char *name, int max_depth, diag *d)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    int depth = 0, ret = LS_OK, done = 0;

    if (!yaml_parser_initialize(&parser))
        fatal("out of memory (YAML parser)");
    yaml_parser_set_input_string(&parser, (const unsigned char *) buf, len);
    while (!done) {
        if (!yaml_parser_parse(&parser, &ev))
            break; /* the caller's parse reports the syntax error with its place */
        switch (ev.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > max_depth) {
                diag_add(d, name, ev.start_mark.line + 1, ev.start_mark.column + 1,
                         "mappings and lists nested deeper than %d levels: not a file "
                         "landstad reads", max_depth);
                ret = LS_ECONFIG;
                done = 1;
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return ret;
}
