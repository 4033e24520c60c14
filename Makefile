# Guanxi: `make run` builds seeds/ into graphs/, `make test` runs the tests, `make bench` the benchmark.
.PHONY: run test bench devset
run:
	scripts/run.sh
test:
	scripts/test.sh
bench:
	scripts/bench.sh
devset:
	swift build && scripts/devset.sh .build/debug/guanxi
