package main

import "errors"

func loadDemoInput(st *demoState, path string) error {
	return errors.New("demo input: not yet implemented")
}
