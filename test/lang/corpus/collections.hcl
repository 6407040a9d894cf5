# Collections, conversions, type unification.
alltrue([true, true])
alltrue([])
alltrue([true, "true"])
alltrue([true, false])
anytrue([false, true])
anytrue([])
anytrue(["false"])
chunklist([1, 2, 3, 4, 5], 2)
chunklist([1, 2, 3], 0)
chunklist([], 2)
coalesce(null, "a", "b")
coalesce("", "b")
coalesce(1, "a")
coalesce(null, 2)
coalesce(null, null)
coalesce([], [1])
coalescelist([], [1, 2], [3])
coalescelist([], [])
compact(["a", "", "b", null])
compact([])
concat([1, 2], [3])
concat(["a"], [1])
concat([], [])
concat([[1]], [[2, 3]])
contains(["a", "b"], "a")
contains([1, 2], "1")
contains([1, 2], 2)
contains([], 1)
distinct([1, 2, 1, 3])
distinct([1, "1", 2])
distinct([[1], [1], [2]])
element(["a", "b", "c"], 1)
element(["a", "b", "c"], 4)
element(tolist(["a", "b", "c"]), -1)
element([], 0)
element(["a"], 1.5)
flatten([[1, [2]], [[3, [4]]]])
flatten([])
flatten([1, [2, 3]])
flatten([toset([1, 2]), [3]])
index(["a", "b"], "b")
index([1, 2], "1")
index(["a"], "z")
keys({ b = 1, a = 2, B = 3, "10" = 4, "9" = 5 })
keys({})
values({ b = 1, a = 2 })
values({})
length([1, 2, 3])
length({ a = 1 })
length(toset(["a", "a"]))
length(null)
length(5)
lookup({ a = 1 }, "a")
lookup({ a = 1 }, "b", 0)
lookup({ a = 1 }, "b")
lookup({ a = "x" }, "b", "y")
matchkeys(["a", "b", "c"], ["x", "y", "z"], ["y", "z"])
matchkeys([1, 2], [3, 4], [5])
matchkeys(["a"], ["x", "y"], ["x"])
merge({ a = 1 }, { b = 2 })
merge({ a = 1 }, { a = 2 })
merge({ a = 1 }, null, { c = 3 })
merge()
merge({ a = 1 }, { b = "x" })
merge([1])
one([])
one([1])
one([1, 2])
one(null)
one(toset(["a"]))
reverse([1, 2, 3])
reverse([])
reverse(toset([3, 1, 2]))
setintersection([1, 2, 3], [2, 3, 4])
setintersection(["a"], ["b"])
setproduct(["a", "b"], [1, 2])
setproduct(["a"], [])
setproduct([1, 2])
setsubtract([1, 2, 3], [2])
setsubtract(["a", "b"], ["a", "b"])
setunion([1], [2, 1])
setunion([1], ["a"])
setunion(["b", "a"], ["c"])
slice([1, 2, 3, 4], 1, 3)
slice([1, 2], 0, 0)
slice([1, 2], 1, 5)
slice([1, 2], -1, 1)
sort(["b", "a", "c"])
sort([3, 1, 2])
sort(["10", "9", "1"])
sort([])
transpose({ a = ["1", "2"], b = ["2", "3"] })
transpose({})
transpose({ a = [] })
zipmap(["a", "b"], [1, 2])
zipmap(["a", "a"], [1, 2])
zipmap(["a", "b"], [1])
zipmap([], [])
tolist([1, "a"])
tolist([1, [2]])
tolist(toset(["b", "a"]))
toset([1, "1"])
toset(["b", "a", "b"])
toset([3, 1, 2, 10])
toset([true, false])
tomap({ a = 1, b = "x" })
tomap({ a = 1, b = [1] })
tomap({})
tostring("x")
tostring(true)
tostring([1])
tostring(null)
tobool("true")
tobool("1")
tobool("0")
tobool(1)
tobool("yes")
tobool(null)
true ? 1 : "2"
false ? 1 : "2"
true ? [1, 2] : [3]
true ? { a = 1 } : { b = 2 }
true ? null : 1
true ? 1 : false
true ? [1] : { a = 1 }
"true" ? "y" : "n"
"1" ? "y" : "n"
null ? 1 : 2
5 ? 1 : 2
true ? 1 : tonumber("x")
false ? tonumber("x") : 2
[1, 2, 3][1]
[1, 2][1.5]
[1, 2][-1]
[1, 2]["1"]
[1, 2][5]
{ a = 1 }.a
{ a = 1 }["a"]
{ a = 1 }.b
{ a = { b = [10, 20] } }.a.b[1]
{ null = 1 }
{ true = "x" }
{ a = 1, a = 2 }
{ (true ? "k" : "j") = 1 }
[for x in [1, 2, 3] : x * 2]
[for i, x in ["a", "b"] : "${i}:${x}"]
{ for k, v in { a = 1, b = 2 } : k => v + 1 }
{ for x in ["a", "b", "a"] : x => x... }
[for x in [1, 2, 3, 4] : x if x % 2 == 0]
{ for x in ["a", "b", "a"] : x => 1 }
[for k, v in { b = 2, a = 1 } : "${k}=${v}"]
[for x in toset(["b", "a"]) : x]
[for x in null : x]
[for x in "abc" : x]
[for x in [1, 2] : x if null]
{ for x in [1, 2] : x => x }
[for x in [] : x]
[[1, 2], [3]][*][0]
[{ a = 1 }, { a = 2 }][*].a
{ a = 1 }[*]
null[*]
"x"[*]
[{ a = [1, 2] }, { a = [3, 4] }][*].a[0]
tolist([{ a = 1 }])[*].a
length([for x in range(10) : x])
[for x in [1, 2] : [for y in [3, 4] : x * y]]
keys({ for x in ["z", "y"] : x => 1 })
sum([for x in range(5) : x])
contains(keys({ a = 1 }), "a")
lookup({ for k, v in { a = 1 } : k => v }, "a", 0)
merge({ for x in ["a"] : x => 1 }, { b = 2 })
[1, "a", true]
[null, 1]
tolist([null, 1])
toset([null, 1])
[]
{}
