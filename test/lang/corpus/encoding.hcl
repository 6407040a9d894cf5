# Encoding, filesystem, hashes, dates, network, templates.
jsonencode({ b = 1, a = "x" })
jsonencode("<a & b>")
jsonencode("\u2028\u2029")
jsonencode("tab\there\nnew")
jsonencode("\u0001\u007f")
jsonencode(0.1)
jsonencode(1e21)
jsonencode(1/3)
jsonencode(-0)
jsonencode(null)
jsonencode([true, null, "é"])
jsonencode(toset(["b", "a"]))
jsonencode({ "10" = 1, "9" = 2, B = 3, a = 4 })
jsondecode("{\"a\":1,\"b\":[true,null]}")
jsondecode("[1,2.5,\"x\"]")
jsondecode("{\"a\":1,\"a\":2}")
jsondecode("12345678901234567890")
jsondecode("0.1")
jsondecode("{} x")
jsondecode("")
jsondecode("\"\\u00e9\"")
jsondecode("\"e\\u0301\"")
jsondecode("nope")
yamlencode({ a = 1, b = "x" })
yamlencode([1, "two", true, null])
yamlencode("hello")
yamlencode(1)
yamlencode(true)
yamlencode(null)
yamlencode({ b = [1, 2], a = { c = "multi\nline" } })
yamlencode("trailing\n")
yamlencode({})
yamlencode([])
yamlencode({ "key with: colon" = "v" })
yamlencode(1.5)
yamldecode("a: 1\nb: [x, y]")
yamldecode("yes")
yamldecode("on")
yamldecode("0x10")
yamldecode("010")
yamldecode(".inf")
yamldecode("~")
yamldecode("- 1\n- two\n- 3.5")
yamldecode("a: {b: c}")
yamldecode("'quoted'")
yamldecode("\"dq\"")
yamldecode("a: |\n  line1\n  line2\n")
yamldecode("---\na: 1\n---\nb: 2\n")
yamldecode("true")
yamldecode("123456789012345678901")
yamldecode("1.5")
yamldecode("no")
yamldecode("null")
yamldecode("")
csvdecode("a,b\n1,2\n3,4")
csvdecode("a,b\n\"x,y\",z")
csvdecode("a,b\n1")
csvdecode("")
csvdecode("a\n")
csvdecode("a,b\n1,2\n")
base64encode("hello")
base64encode("é")
base64decode("aGVsbG8=")
base64decode("aGVsbG8")
base64decode("/w==")
base64decode("!!!")
base64gzip("hello")
textencodebase64("hello", "UTF-16LE")
textencodebase64("hé", "ISO-8859-1")
textdecodebase64("aABlAGwAbABvAA==", "UTF-16LE")
textdecodebase64("aOk=", "ISO-8859-1")
textencodebase64("x", "NOPE")
urlencode("a b&c=d/e?f")
urlencode("!*'()")
urlencode("é~-_.")
urlencode("")
md5("hello")
md5("")
sha1("hello")
sha256("hello")
sha512("hello")
base64sha256("hello")
base64sha512("hello")
uuidv5("dns", "example.com")
uuidv5("url", "https://example.com")
uuidv5("oid", "1.2.3")
uuidv5("x500", "cn=x")
uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "example.com")
uuidv5("bad", "x")
length(uuid())
can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", uuid()))
can(regex("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", timestamp()))
length(bcrypt("x")) > 50
file("hello.txt")
file("nope.txt")
file("sub")
fileexists("hello.txt")
fileexists("nope.txt")
fileexists("sub")
filebase64("hello.txt")
filemd5("hello.txt")
filesha1("hello.txt")
filesha256("hello.txt")
filesha512("hello.txt")
filebase64sha256("hello.txt")
filebase64sha512("hello.txt")
fileset(".", "*.txt")
fileset("sub", "**")
fileset(".", "sub/*")
fileset("sub", "**/*.md")
fileset(".", "{hello,data}.*")
fileset(".", "h?llo.txt")
fileset(".", "nomatch*")
templatefile("greeting.tftpl", { name = "Ann", items = ["a", "b"] })
templatefile("number.tftpl", { n = 21 })
templatefile("greeting.tftpl", { name = "Ann" })
templatefile("greeting.tftpl", [])
templatefile("nope.tftpl", {})
templatefile("hello.txt", {})
basename("a/b/c.txt")
basename("")
basename("a/b/")
dirname("a/b/c.txt")
dirname("a")
dirname("/a")
pathexpand("a/b")
abspath("/a/../b") 
formatdate("YYYY-MM-DD", "2024-03-05T10:20:30Z")
formatdate("DD MMM YYYY hh:mm ZZZ", "2024-03-05T10:20:30Z")
formatdate("EEEE, MMMM D, YY", "2024-03-05T10:20:30Z")
formatdate("EEE h:mm AA", "2024-03-05T15:04:05+02:00")
formatdate("H:m:s aa", "2024-03-05T00:04:05Z")
formatdate("'Date:' YYYY ''quoted''", "2024-03-05T10:20:30Z")
formatdate("Z ZZZZ ZZZZZ", "2024-03-05T10:20:30-07:30")
formatdate("YYYY", "2024-03-05")
formatdate("q", "2024-03-05T10:20:30Z")
formatdate("M/D", "2024-12-25T00:00:00Z")
timeadd("2024-03-05T10:20:30Z", "1h30m")
timeadd("2024-03-05T10:20:30Z", "-24h")
timeadd("2024-03-05T10:20:30Z", "1.5s")
timeadd("2024-03-05T10:20:30+01:00", "10m")
timeadd("2024-03-05T10:20:30Z", "1d")
timecmp("2024-03-05T10:20:30Z", "2024-03-05T11:20:30+01:00")
timecmp("2024-03-05T10:20:30Z", "2024-03-06T00:00:00Z")
timecmp("2025-01-01T00:00:00Z", "2024-01-01T00:00:00Z")
cidrhost("10.0.0.0/24", 5)
cidrhost("10.0.0.0/24", -1)
cidrhost("10.0.0.0/24", 256)
cidrhost("010.0.0.0/24", 1)
cidrhost("fd00::/64", 17)
cidrnetmask("10.0.0.0/8")
cidrnetmask("10.0.0.0/0")
cidrnetmask("fd00::/64")
cidrsubnet("10.0.0.0/16", 8, 2)
cidrsubnet("10.0.0.0/16", 8, 256)
cidrsubnet("10.0.0.0/30", 3, 1)
cidrsubnet("10.0.0.0/16", 0, 0)
cidrsubnet("fd00::/56", 8, 3)
cidrsubnets("10.0.0.0/16", 4, 4, 8, 4)
cidrsubnets("10.0.0.0/16")
cidrsubnets("10.0.0.0/30", 1, 1, 1)
cidrsubnets("fd00::/56", 8, 8)
cidrsubnets("10.0.0.0/16", 0)
"x  %{~ if true ~}  y  %{~ endif ~}  w"
"%{ if true }yes%{ else }no%{ endif }"
"%{ if false }yes%{ else }no%{ endif }"
"%{ if "true" }s%{ endif }"
"%{ for x in [1, 2, 3] }${x},%{ endfor }"
"%{ for k, v in { a = 1, b = 2 } }${k}=${v};%{ endfor }"
"%{ for i, x in ["a", "b"] }${i}${x}%{ endfor }"
"%{ for x in [] }never%{ endfor }end"
"a${1 + 1}b"
"${1}"
"${null}"
"v=${null}"
"v=${[1]}"
"v=${true}"
"v=${1.5}"
"$${literal}"
"%%{literal}"
"$ and %"
"nested ${"in ${"ner"}"}"
"${"a"}${"b"}"
<<EOT
%{ for x in ["a", "b"] ~}
${x}
%{~ endfor ~}
EOT
<<EOT
hello
  world
EOT
<<-EOT
    indented
      more
    EOT
<<-EOT
  a ${1 + 1}
    b
  EOT
<<EOT
no \t escapes $${here}
EOT
path.module
path.root
terraform.workspace
tonumber(templatefile("number.tftpl", { n = 2 }))
nonsensitive(sensitive("x"))
issensitive(sensitive("x"))
issensitive("x")
issensitive([sensitive(1), 2])
try(tonumber("x"), 5)
try(tonumber("x"), tobool("y"))
can(tonumber("x"))
can(tonumber("1"))
try(1)
list(1, 2)
map("a", 1)
rsadecrypt(file("rsa.b64"), file("rsa.pem"))
rsadecrypt("bm90IGl0", file("rsa.pem"))
rsadecrypt(file("rsa.b64"), "not a key")
templatestring(local.tpl, { name = "Ann", loud = true })
templatestring(local.tpl, { name = "Bo", loud = false })
templatestring(local.tpl, { loud = false })
templatestring(local.num, { n = 41 })
ephemeralasnull("a")
core::upper("namespaced")
core::length([1, 2])
