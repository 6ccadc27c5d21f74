"""The social return on investment (SROI) of a partnership: the arithmetic and the story.

:mod:`.sroi` is the arithmetic and nothing else; :mod:`.calculation` runs it on a
partnership's roi.yaml; :mod:`.story` tells the result in words (:mod:`.teller`,
:mod:`.vignettes`, :mod:`.tables`) or as JSON (:mod:`.jsondata`).
"""
