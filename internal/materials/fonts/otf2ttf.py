import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
src, dst = sys.argv[1], sys.argv[2]
font = TTFont(src)
glyphOrder = font.getGlyphOrder()
gs = font.getGlyphSet()
glyf = newTable("glyf"); glyf.glyphOrder = glyphOrder; glyf.glyphs = {}
for name in glyphOrder:
    pen = TTGlyphPen(gs)
    gs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
    glyf[name] = pen.glyph()
font["loca"] = newTable("loca")
font["glyf"] = glyf
font["maxp"] = newTable("maxp"); m = font["maxp"]
m.tableVersion = 0x00010000; m.numGlyphs=len(glyphOrder)
for a in ("maxZones","maxTwilightPoints","maxStorage","maxFunctionDefs","maxInstructionDefs","maxStackElements","maxSizeOfInstructions","maxComponentElements"): setattr(m,a,0)
m.maxZones=1
for a in ("maxPoints","maxContours","maxCompositePoints","maxCompositeContours","maxComponentDepth"): setattr(m,a,0)
del font["CFF "]
if "VORG" in font: del font["VORG"]
post = font["post"]; post.formatType = 3.0
font["head"].indexToLocFormat = 0; font["head"].glyphDataFormat = 0
font.sfntVersion = "\x00\x01\x00\x00"
font.save(dst)
