/* SPDX-License-Identifier: MIT */
/* The floor every pledge-validate benchmark is measured against: libyaml's
 * event parser over each file named, in one process, and nothing else (no
 * tree, no validation). Built by bench/cli_bench.sh and
 * bench/targets_bench.py with the system's libyaml. */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv)
{
    int i, bad = 0;
    for (i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        yaml_parser_t p;
        yaml_event_t e;
        int done = 0;
        if (!fp || !yaml_parser_initialize(&p))
            return 2;
        yaml_parser_set_input_file(&p, fp);
        while (!done) {
            if (!yaml_parser_parse(&p, &e)) {
                bad++;
                break;
            }
            done = e.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&e);
        }
        yaml_parser_delete(&p);
        fclose(fp);
    }
    return bad != 0;
}
