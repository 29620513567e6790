package lang

import (
	"regexp"
	"slices"
	"testing"
)

// checkHandMatchers holds each hand-written pattern of defsPython and
// defsTS to its regexp: the same match start and the same name, or no
// match.
func checkHandMatchers(t *testing.T, line string) {
	t.Helper()
	head := []byte(line)
	head = head[:min(len(head), MaxDefPrefix)]
	for _, p := range slices.Concat(defsPython.patterns, defsTS.patterns) {
		if p.match == nil {
			continue
		}
		want := []int{-1, -1, -1}
		if loc := regexp.MustCompile(p.expr).FindSubmatchIndex(head); loc != nil && loc[len(loc)-2] >= 0 {
			want = []int{loc[0], loc[len(loc)-2], loc[len(loc)-1]}
		}
		at, ns, ne := p.match(head)
		if got := []int{at, ns, ne}; !slices.Equal(got, want) {
			t.Errorf("%s on %q: hand %v, regexp %v", p.expr, line, got, want)
		}
	}
}

func TestPythonHandMatchersAgreeWithRegexps(t *testing.T) {
	for _, line := range []string{
		"def f(x):", "  def  f_1(x):", "async def g():", "async  def\th()", "asyncdef x", "async def", "def", "def ", "def 1x",
		"\vdef f", "\fdef f", "\tclass A:", "class", "class  $B", "classA", "x = 1", "x == 1", "x=", "x =", "x: int = 3",
		"x: int", "x: dict[str, int] == 3", "x: a = = 3", "x:=3", "x := 3", "_ = 2", "x\t= 2", "x =\n", "1x = 2",
		"x.y = 2", "x, y = 1, 2", "def f(x=1)", "café = 1", "x$ = 1", "x :=", "a:b=c", "a: b ==c", "a : = 1",
		"async\tdef f", "async def def", "def async", "  x = 1",
	} {
		checkHandMatchers(t, line)
	}
}

func TestTypeScriptHandMatchersAgreeWithRegexps(t *testing.T) {
	for _, line := range []string{
		"class A {", "export class A", "export default class A", "export  default\tabstract class $A", "declare namespace N {",
		"export declare abstract async function f()", "async function* gen()", "function*gen()", "function *gen()", "function* *x",
		"export interface I<T>", "type T = A", "typeof x", "type", "type ", "enum E", "export enum", "  interface I", "\vclass A",
		"export export class A", "async export class A", "default class A", "export default function () {}", "export default X",
		"classy A", "class 1A", "functionx f", "function", "export const x = 1", "const x = 1", "let y: number = 2", "var z=3",
		"export let a: Map<string, number> = new Map()", "const x", "const x: number", "const x == y", "const x := 1", "const  $x\t= 1",
		"export  const x = 1", "exportconst x = 1", "export var", "let", "const 1 = 2", "const x: a = = 1", "  const x = 1",
		"const { a } = b", "const x:= 1", "let x : T =", "export async function f()", "abstract class A", "export abstract class A extends B",
	} {
		checkHandMatchers(t, line)
	}
}

func FuzzPythonHandMatchers(f *testing.F) {
	for _, s := range []string{"def f(x):", "x: int = 3", "async def g", "class A", "export default class A", "export const x: T = 1", "async function* g"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		checkHandMatchers(t, line)
	})
}
