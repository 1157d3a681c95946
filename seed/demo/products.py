#!/usr/bin/env python3
"""Writes seed/demo/products.json, the demo town's product catalogue.

Standard library only and deterministic: every random choice comes from a
random.Random seeded with SEED, the shop's slug and the product's name (editing one
product does not reshuffle the others), so running the script again rewrites
products.json byte for byte.

    python3 seed/demo/products.py            # validate, write, print a summary
    python3 seed/demo/products.py --check    # validate and compare with the file on disk

The products are written by hand below, one block per shop, one product per line:

    Français // Nederlands // English | price | description | flags

- " // nl // en" is optional (a shop that did not translate); price "-" means
  "price in the shop" (null); description and flags are optional.
- A line "# <category slug>" sets the product category of the lines below it
  (each shop starts with its own default).
- flags: w = window (made to order, fresh flowers: no stock claim), o = out of
  stock, q = counted quantity, s = in stock, u = a unique piece (quantity 1),
  x = a service (window, no barcode); g = give it a barcode, n = never a barcode.
  In GENERATED_ITEMS the flags are c = clothing sizes, s = shoe sizes.

Stock states, barcodes, SKUs and confirmation ages are then drawn per shop from
its profile (see PROFILES and FRESHNESS).
"""

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "products.json"
SEED = 20261128  # the town's anchor date

CATEGORIES = [
    "epicerie", "pain-patisserie", "viande-charcuterie", "fromages-cremerie", "fruits-legumes",
    "boissons", "bieres", "vins-spiritueux", "chocolat-confiserie", "vetements-femme",
    "vetements-homme", "vetements-enfant", "chaussures", "accessoires-maroquinerie",
    "bijoux-montres", "beaute-soins", "sante", "livres", "papeterie", "jeux-jouets",
    "maison-decoration", "cuisine-table", "bricolage-quincaillerie", "electricite-eclairage",
    "jardin-fleurs", "animaux", "sport-loisirs", "velo", "electronique-informatique", "optique",
    "loisirs-creatifs-musique", "cadeaux-souvenirs", "seconde-main", "autres",
]

# Weights of (in_stock, out_of_stock, window, quantity) for products without a forcing flag.
PROFILES = {
    "default": (82, 11, 2, 5),
    "bakery": (50, 6, 40, 4),
    "butcher": (74, 9, 10, 7),
    "florist": (46, 6, 40, 8),
    "counted": (68, 10, 2, 20),   # small shops that count their shelves
    "voucher": (70, 0, 30, 0),
}

# Share of stock claims whose confirmation is stale (22-60 days), and the range of fresh ones.
FRESHNESS = {
    "fresh": (0.0, 3),    # updated every day or two
    "normal": (0.14, 14),
    "slow": (0.35, 14),
    "stale": (0.85, 14),  # a merchant who stopped updating
}

SHOPS = []


def shop(slug, category, text, *, profile="default", fresh="normal", gtin=0.0, sku=None,
         qty=(1, 12)):
    """Declares a shop's products. gtin: share of products with a barcode ("isbn:<p>" for
    books); sku: SKU prefix ("LSV" gives LSV-001, LSV-002...), "#7" for a pharmacy's
    seven-digit article numbers, or None; qty: range of counted quantities."""
    SHOPS.append(dict(slug=slug, category=category, text=text, profile=profile, fresh=fresh,
                      gtin=gtin, sku=sku, qty=qty))


# --------------------------------------------------------------------------------------------
# Shops, in the order of businesses.json. Not every business sells goods: pressing, insurance,
# launderette, most cafés, restaurants and hair salons have no catalogue.
# --------------------------------------------------------------------------------------------

# ---- Boulangeries ----------------------------------------------------------------------------

shop("patisserie-lemaire", "pain-patisserie", """
Gâteau Saint-Vincent (6 personnes) // Sint-Vincentiustaart (6 personen) // Saint-Vincent cake (serves 6) | 26,00 | La création de la maison : biscuit aux amandes et crème au beurre pralinée. Le dimanche, réservation conseillée. | w
Gâteau Saint-Vincent (part) // Sint-Vincentiustaart (stuk) // Saint-Vincent cake (slice) | 4,30 | Biscuit aux amandes, crème au beurre pralinée, éclats de noisettes caramélisées.
Tarte au riz (8 parts) // Rijsttaart (8 stukken) // Rice tart (8 slices) | 19,50 | Riz au lait vanillé sur pâte levée, recette de la grand-mère.
Tarte au riz individuelle // Rijsttaartje // Individual rice tart | 2,90
Tarte au sucre brun (8 parts) // Bruine suikertaart (8 stukken) // Brown sugar tart (8 slices) | 17,50 | Pâte levée, cassonade brune et crème fraîche.
Tarte au sucre individuelle // Suikertaartje // Individual sugar tart | 2,60
Entremets trois chocolats (6 personnes) // Driechocoladetaart (6 personen) // Triple chocolate entremet (serves 6) | 28,00 | Mousses au chocolat noir, au lait et blanc sur biscuit croustillant praliné.
Entremets framboise-pistache (6 personnes) // Framboos-pistachetaart (6 personen) // Raspberry and pistachio entremet (serves 6) | 29,50 | Mousse pistache, cœur coulant framboise, dacquoise amande. | w
Bûche de Noël moka (6 personnes) // Mokka-kerststronk (6 personen) // Coffee Yule log (serves 6) | 27,00 | Biscuit roulé et crème au beurre moka. Commandes jusqu'au 20 décembre. | w
Merveilleux // Merveilleux // Merveilleux (meringue and cream) | 3,80 | Meringue, crème fouettée et copeaux de chocolat noir.
Éclair au chocolat // Chocolade-eclair // Chocolate éclair | 3,20 | Pâte à choux, crème pâtissière au chocolat noir.
Éclair au café // Koffie-eclair // Coffee éclair | 3,20
Mille-feuille // Millefeuille // Mille-feuille | 3,70 | Feuilletage caramélisé et crème pâtissière à la vanille de Madagascar.
Javanais // Javanais // Javanais (almond and mocha cake) | 3,90 | Biscuit aux amandes et crème au beurre moka.
Tartelette aux fraises // Aardbeientaartje // Strawberry tartlet | 4,20 | De mai à septembre, avec des fraises de Wépion. | o
Tartelette au citron meringuée // Citroen-meringuetaartje // Lemon meringue tartlet | 3,90
Pain au levain (800 g) // Zuurdesembrood (800 g) // Sourdough loaf (800 g) | 4,90 | Levain naturel, fermentation longue, cuit sur sole.
Pain gris tranché (800 g) // Gesneden bruin brood (800 g) // Sliced brown bread (800 g) | 3,60
Croissant pur beurre // Botercroissant // All-butter croissant | 1,50
Pain au chocolat // Chocoladebroodje // Pain au chocolat | 1,70
Couque suisse // Zwitsers koffiebroodje // Custard and raisin pastry (couque suisse) | 2,20
Cougnou (500 g) // Kerstbrood (500 g) // Cougnou, Christmas brioche (500 g) | 8,50 | Brioche de Noël en forme d'enfant Jésus, aux sucres perlés. Dès le 1er décembre. | o
Speculoos de Saint-Nicolas (250 g) // Sinterklaasspeculaas (250 g) // Saint Nicholas speculoos (250 g) | 6,80 | Pâte épicée moulée dans nos vieilles planches en bois.
""", profile="bakery", fresh="fresh")

shop("boulangerie-du-marche", "pain-patisserie", """
Baguette | 1,90 | Cuite toutes les heures de 6h30 à 13h.
Demi-baguette | 1,10
Baguette aux céréales | 2,40
Pain blanc (800 g) | 3,20
Pain gris (800 g) | 3,40 | Farine complète et blanche, mie souple.
Pain de mie tranché (500 g) | 2,90
Pistolets (6 pièces) | 3,30 | Croustillants, cuits toute la matinée.
Sandwich jambon-fromage | 4,20 | Demi-baguette, beurre, jambon cuit et gouda.
Sandwich américain | 4,50 | Américain préparé, oignons, cornichons.
Sandwich thon-mayonnaise | 4,30
Sandwich poulet-curry | 4,40
Sandwich club | 4,90 | Poulet, œuf, tomate, salade, mayonnaise.
Sandwich dagobert | 4,80 | Jambon, fromage, œuf, tomate, salade, mayonnaise.
# boissons
Café à emporter (25 cl) | 2,20 | Servi dès 6h30 pour les navetteurs.
Jus d'orange (33 cl) | 2,50 | g
# pain-patisserie
Cramique aux raisins (400 g) | 5,40 | Le samedi. | w
Craquelin (400 g) | 5,90 | Brioche au sucre perlé, le samedi. | w
Couque suisse | 2,00 | Encore tiède le samedi matin.
Couque au beurre | 1,80 | Pâte briochée au beurre, nature ou au sucre.
Croissant | 1,40
Pain au chocolat | 1,60
Chausson aux pommes | 2,10
Boule de Berlin | 2,20 | Crème pâtissière ou confiture de framboises.
""", profile="bakery", fresh="fresh", gtin=0.0)

shop("au-fournil-de-naast", "pain-patisserie", """
Pain d'épeautre (750 g) // Speltbrood (750 g) // Spelt loaf (750 g) | 5,40 | Épeautre moulu à Ath, levain naturel, cuisson au feu de bois.
Miche de seigle aux noix (1 kg) // Roggebrood met noten (1 kg) // Rye and walnut loaf (1 kg) | 7,20 | Notre pain le plus demandé, se garde une semaine.
Pain de campagne au feu de bois (1 kg) // Boerenbrood uit de houtoven (1 kg) // Wood-fired country loaf (1 kg) | 5,80
Pain de meule (au kilo, à la coupe) // Molenbrood (per kilo, gesneden) // Stone-ground loaf (per kg, cut to order) | 6,50 | Grosse miche de 3 kg, vendue au poids.
Pain complet (800 g) // Volkorenbrood (800 g) // Wholemeal loaf (800 g) | 4,60
Pain aux graines (800 g) // Meergranenbrood (800 g) // Seeded loaf (800 g) | 5,20 | Lin, tournesol, sésame, courge.
Pain au levain nature (800 g) // Zuurdesembrood (800 g) // Plain sourdough loaf (800 g) | 4,80
Fougasse aux olives // Fougasse met olijven // Olive fougasse | 4,50 | Le vendredi et le samedi. | w
Pain aux figues et noisettes (500 g) // Brood met vijgen en hazelnoten (500 g) // Fig and hazelnut loaf (500 g) | 5,90
Brioche tressée (500 g) // Gevlochten brioche (500 g) // Plaited brioche (500 g) | 6,80 | Beurre de la ferme, œufs de plein air.
Tarte au sucre (6 parts) // Suikertaart (6 stukken) // Sugar tart (6 slices) | 14,50 | w
# epicerie
Farine d'épeautre du Hainaut (1 kg) // Speltbloem uit Henegouwen (1 kg) // Hainaut spelt flour (1 kg) | 3,90 | Moulue sur meule de pierre. | g
Farine de froment T80 (1 kg) // Tarwebloem T80 (1 kg) // T80 wheat flour (1 kg) | 2,90 | g
Levain déshydraté (50 g) // Gedroogd zuurdesem (50 g) // Dried sourdough starter (50 g) | 4,50 | Pour faire votre pain à la maison. | g
""", profile="bakery", fresh="normal", gtin=0.0)

shop("la-mie-doree", "pain-patisserie", """
Croissant feuilleté pur beurre // Botercroissant // All-butter croissant | 1,60 | Notre spécialité : 27 couches de feuilletage.
Croissant aux amandes // Amandelcroissant // Almond croissant | 2,60
Pain au chocolat | 1,80
Pain aux raisins | 2,10
Kouign-amann | 3,20
Chouquettes (sachet de 10) // Suikersoesjes (zakje van 10) // Chouquettes (bag of 10) | 3,50
Éclair au café // Koffie-eclair // Coffee éclair | 3,30 | Crème pâtissière au café torréfié par Grain de Café.
Éclair au chocolat // Chocolade-eclair // Chocolate éclair | 3,30
Paris-brest | 4,50 | Pâte à choux, crème mousseline pralinée.
Religieuse au caramel | 3,90
Flan pâtissier (part) | 3,20
Macarons (boîte de 6) // Macarons (doosje van 6) // Macarons (box of 6) | 9,90 | Framboise, pistache, chocolat, vanille, citron, caramel beurre salé.
Tarte pommes-caramel (6 parts) // Appel-karameltaart (6 stukken) // Apple and caramel tart (6 slices) | 18,00 | Tarte de saison, d'octobre à décembre.
Tarte à la rhubarbe (6 parts) // Rabarbertaart (6 stukken) // Rhubarb tart (6 slices) | 18,00 | Tarte de saison, au printemps. | o
Gâteau d'anniversaire sur commande // Verjaardagstaart op bestelling // Birthday cake to order | - | Parts, parfum et décor au choix ; commande 48 heures à l'avance, par téléphone ou au comptoir. | w
Cookies chocolat-noisette (4 pièces) | 4,80
Baguette tradition // Traditioneel stokbrood // Traditional baguette | 2,10
Pain de campagne (800 g) | 4,20
""", profile="bakery", fresh="fresh")

shop("boulangerie-marechal", "pain-patisserie", """
Pain gris (800 g) | 3,40 | Le pain de la maison, cuit deux fois par jour.
Demi-pain gris (400 g) | 1,90
Pain blanc (800 g) | 3,20
Pain multicéréales (800 g) | 3,90 | Seigle, avoine, lin et tournesol.
Baguette | 1,90
Pistolets (6 pièces) | 3,30 | Le dimanche, réservez-les la veille.
Pistolets aux graines (6 pièces) | 3,90
Sandwich jambon-beurre | 3,90 | Préparé à la demande le midi.
Sandwich fromage-crudités | 3,90
Sandwich poulet-andalouse | 4,40 | Préparé à la demande le midi.
Sandwich américain-crudités | 4,50
Croissant | 1,40
Couque au chocolat | 1,70
Tarte aux pommes (6 parts) | 15,50 | Pommes du verger de Naast, sur commande la veille. | w
Tarte au riz (6 parts) | 15,50 | w
Pain sans gluten (400 g) | 5,20 | Farines de riz et de sarrasin. Rayon sans gluten renouvelé chaque jour. | q
Baguette sans gluten | 3,80 | q
Muffin sans gluten aux myrtilles | 2,80 | q
Cake au citron sans gluten (350 g) | 7,50 | q
""", profile="bakery", fresh="normal")

shop("l-epi-des-champs", "pain-patisserie", """
Pain blanc (800 g) | 3,10
Pain gris (800 g) | 3,30 | Cuit chaque matin, mis de côté sur demande.
Pain aux noix (500 g) | 4,60
Baguette | 1,80
Croissant | 1,40
Couque au beurre | 1,70 | Le week-end, en quantité limitée : réservez la veille. | w
Tarte au riz (6 parts) | 15,00 | Le week-end, sur réservation la veille. | w
Tarte aux prunes (6 parts) | 15,00 | w
Cramique (400 g) | 5,20 | Aux raisins, pour le petit-déjeuner du dimanche.
# autres
Journal du jour | - | Le Soir, La Libre, La DH et Sudinfo, mis de côté sur demande. | n
""", profile="bakery", fresh="normal")

# ---- Boucheries ------------------------------------------------------------------------------

shop("boucherie-dubois", "viande-charcuterie", """
Côte à l'os maturée 4 semaines (1 kg) // Côte à l'os, 4 weken gerijpt (1 kg) // Bone-in rib steak, aged 4 weeks (1 kg) | 44,90 | Blanc-bleu belge d'éleveurs du Hainaut, maturé dans notre cave.
Entrecôte blanc-bleu belge (1 kg) // Entrecote Belgisch witblauw (1 kg) // Belgian Blue rib-eye (1 kg) | 36,90
Filet pur de bœuf (1 kg) // Ossenhaas (1 kg) // Beef tenderloin (1 kg) | 54,90
Steak de bœuf (pièce de 200 g) // Biefstuk (stuk van 200 g) // Beef steak (200 g piece) | 6,40
Américain préparé (500 g) // Préparé / filet américain (500 g) // Belgian steak tartare, prepared (500 g) | 10,90 | Notre recette maison, préparé chaque matin.
Boulettes à la liégeoise (4 pièces) // Luikse balletjes (4 stuks) // Liège-style meatballs (4 pieces) | 9,80 | Boulettes maison en sauce au sirop de Liège, prêtes à réchauffer.
Vol-au-vent maison (1 kg) // Vol-au-vent huisbereid (1 kg) // Homemade vol-au-vent filling (1 kg) | 19,90 | Poulet, boulettes et champignons en sauce crémeuse.
Haché porc et bœuf (1 kg) // Gemengd gehakt (1 kg) // Pork and beef mince (1 kg) | 12,90
Haché pur bœuf (1 kg) // Rundergehakt (1 kg) // Beef mince (1 kg) | 16,90
Carbonnades de bœuf (1 kg) // Stoofvlees (1 kg) // Beef for stew (1 kg) | 18,90
Oiseaux sans tête (pièce) // Vogelnestjes (stuk) // Beef olive, 'headless bird' (piece) | 3,20
Rôti de porc (1 kg) // Varkensgebraad (1 kg) // Pork roast (1 kg) | 14,90
Côtelettes de porc (1 kg) // Varkenskoteletten (1 kg) // Pork chops (1 kg) | 12,50
Saucisses de campagne (4 pièces) // Boerenworsten (4 stuks) // Country sausages (4 pieces) | 7,20
Filet de poulet (1 kg) // Kippenfilet (1 kg) // Chicken breast (1 kg) | 15,90
Pâté de campagne (200 g) // Boerenpaté (200 g) // Country pâté (200 g) | 4,60
Jambon cuit au torchon (100 g) // Gekookte ham (100 g) // Cooked ham (100 g) | 2,90
Croquettes aux crevettes (2 pièces) // Garnaalkroketten (2 stuks) // Shrimp croquettes (2 pieces) | 8,90 | Crevettes grises de la mer du Nord.
Buffet froid traiteur (par personne) // Koud buffet (per persoon) // Cold buffet catering (per person) | 24,50 | Pour communions et fêtes, à partir de 10 personnes, commande une semaine à l'avance. | w
Colis barbecue (2 kg) // Barbecuepakket (2 kg) // Barbecue pack (2 kg) | 36,00 | Saucisses, brochettes, côtelettes et hamburgers pour 6 personnes. | o
""", profile="butcher", fresh="normal")

shop("boucherie-charcuterie-lecomte", "viande-charcuterie", """
Jambon d'Ardenne tranché (100 g) | 4,20 | Tranché à la demande, fumé au bois de hêtre.
Jambon cuit à l'os (100 g) | 3,10
Lard fumé maison (100 g) | 2,40
Poitrine fumée en tranches (200 g) | 3,90
Saucisson fumé maison (pièce, env. 250 g) | 7,40
Salami ardennais (100 g) | 3,30 | Séché trois mois.
Filet de Saxe (100 g) | 3,60
Pâté en croûte (tranche) | 3,80 | Porc, volaille et pistaches, en croûte dorée.
Pâté de campagne (200 g) | 4,40
Pâté de foie à l'échalote (200 g) | 4,20
Terrine de gibier (200 g) | 6,20 | En saison de chasse.
Tête pressée (200 g) | 3,80 | Recette de l'atelier, au vinaigre et aux échalotes.
Rillettes de porc (pot de 200 g) | 5,20
Boudin blanc (pièce) | 2,40 | Le jeudi, sorti de la marmite en fin de matinée. | q
Boudin noir (pièce) | 2,20 | Le jeudi, sorti de la marmite en fin de matinée. | q
Boudin blanc de Liège aux herbes (pièce) | 2,60 | q
Saucisse sèche (pièce) | 2,80
Haché porc et veau (1 kg) | 13,90
Rôti de veau (1 kg) | 32,90 | Ficelé à la demande, barde offerte.
""", profile="butcher", fresh="slow")

shop("au-boeuf-sonegien", "viande-charcuterie", """
Colis de bœuf 5 kg | 95,00 | Steaks, rôti, carbonnades, haché et bouilli de nos bêtes nourries à l'herbe. Sur commande. | w
Colis de bœuf 10 kg | 179,00 | La moitié d'un quartier, découpé et emballé sous vide. Sur commande. | w
Steak rassis (1 kg) | 32,90 | Rassis trois semaines sur l'os.
Côte à l'os (1 kg) | 36,90
Bœuf à braiser (1 kg) | 17,50
Joue de bœuf (1 kg) | 19,90
Rôti de bœuf ficelé (1 kg) | 29,90
Haché pur bœuf (1 kg) | 15,90
Hamburgers de la ferme (2 × 150 g) | 6,90
Saucisses au thym (4 pièces) | 7,60 | Pour les barbecues d'été.
Pâté de campagne (200 g) | 4,40 | En dégustation au comptoir le samedi matin.
Os à moelle (pièce) | 1,90
Langue de bœuf (pièce, env. 1,2 kg) | - | Prix selon le poids.
Bouilli de bœuf (1 kg) | 13,50
""", profile="butcher", fresh="slow")

shop("boucherie-fontaine", "viande-charcuterie", """
Poulet fermier entier (pièce, env. 1,8 kg) | 17,90 | Label rouge, élevé en plein air.
Cuisses de poulet fermier (1 kg) | 11,90
Suprêmes de poulet fermier (1 kg) | 24,90
Faisan (pièce) | - | Gibier en saison, jusqu'en janvier. Prix selon le poids.
Filet de chevreuil (1 kg) | 69,00 | Gibier en saison, jusqu'en janvier.
Gigue de chevreuil (1 kg) | 39,90 | Sur commande. | w
Civet de lièvre (portion de 400 g) | 14,50 | Plat du jour, prêt à réchauffer.
Blanquette de veau (portion de 400 g) | 12,90 | Plat du jour, prêt à réchauffer.
Stoemp saucisse (portion) | 9,90 | Plat du jour, prêt à réchauffer.
Lapin aux pruneaux (portion de 400 g) | 13,50 | Plat du jour, prêt à réchauffer.
Carbonnade à la flamande (portion de 400 g) | 11,90
Boulettes sauce tomate (2 pièces) | 8,90
Vol-au-vent (portion de 400 g) | 10,90
Haché porc et bœuf (1 kg) | 12,90
Saucisses de volaille (4 pièces) | 6,90
""", profile="butcher", fresh="normal")

shop("volailles-hanot", "viande-charcuterie", """
Poulet fermier (pièce, env. 1,6 kg) | 16,50
Poulet rôti à emporter | 13,50 | Le dimanche matin, réservation conseillée. | w
Pintade fermière (pièce, env. 1,3 kg) | 18,90 | Élevée en plein air dans le Hainaut.
Canard de Barbarie (pièce, env. 2,5 kg) | - | Prix selon le poids.
Magret de canard (pièce, env. 350 g) | 9,80 | À cuire côté peau, rosé à cœur.
Cuisses de canard confites (2 pièces) | 13,90
Foies de volaille (500 g) | 5,90 | Pour les terrines et les salades tièdes.
Filets de dinde (1 kg) | 16,90
Ailes de poulet marinées (1 kg) | 9,90
Poule à bouillir (pièce) | 9,50
Cailles (2 pièces) | 8,90
Chapon fermier (pièce, env. 3 kg) | - | Fin d'année : réservation dès la mi-novembre, prix au kilo. | w
Dinde fermière (pièce, env. 5 kg) | - | Fin d'année : réservation dès la mi-novembre, prix au kilo. | w
# epicerie
Œufs de plein air (boîte de 6) | 2,90 | g
Œufs de plein air (boîte de 12) | 5,40 | g
""", profile="butcher", fresh="normal")

shop("boucherie-karaca", "viande-charcuterie", """
Gigot d'agneau halal (1 kg) // Lamsbout halal (1 kg) // Halal leg of lamb (1 kg) | 22,90
Côtelettes d'agneau halal (1 kg) // Lamskoteletten halal (1 kg) // Halal lamb chops (1 kg) | 26,90
Épaule d'agneau halal (1 kg) // Lamsschouder halal (1 kg) // Halal lamb shoulder (1 kg) | 17,90
Haché de bœuf halal (1 kg) // Rundergehakt halal (1 kg) // Halal beef mince (1 kg) | 13,90
Entrecôte de bœuf halal (1 kg) // Entrecote halal (1 kg) // Halal rib-eye (1 kg) | 29,90
Merguez maison (1 kg) // Huisgemaakte merguez (1 kg) // Homemade merguez (1 kg) | 13,50
Brochettes d'agneau marinées (pièce) // Gemarineerde lamsbrochette (stuk) // Marinated lamb skewer (piece) | 3,20 | Prêtes à griller.
Brochettes de poulet marinées (pièce) // Gemarineerde kippenbrochette (stuk) // Marinated chicken skewer (piece) | 2,60
Kefta (500 g) // Kefta (500 g) // Kofta mince (500 g) | 7,90 | Bœuf et agneau, persil, oignon et épices.
Sucuk (saucisse turque, 250 g) // Sucuk (Turkse worst, 250 g) // Sucuk, Turkish sausage (250 g) | 5,90
Poulet entier halal (pièce) // Hele kip halal (stuk) // Whole halal chicken (piece) | 9,90
# epicerie
Boulgour (1 kg) // Bulgur (1 kg) // Bulgur wheat (1 kg) | 3,20 | g
Olives vertes marinées (500 g) // Gemarineerde groene olijven (500 g) // Marinated green olives (500 g) | 5,50
Ras el hanout (100 g) // Ras el hanout (100 g) // Ras el hanout (100 g) | 2,90 | g
Cumin moulu (100 g) // Gemalen komijn (100 g) // Ground cumin (100 g) | 2,40 | g
Pois chiches (bocal de 700 g) // Kikkererwten (bokaal 700 g) // Chickpeas (700 g jar) | 2,60 | g
Harissa (pot de 200 g) // Harissa (pot 200 g) // Harissa (200 g jar) | 3,10 | g
# pain-patisserie
Pain turc (pide) // Turks brood (pide) // Turkish flatbread (pide) | 2,20 | Livré chaque matin.
Lavash (paquet de 6) // Lavash (pak van 6) // Lavash (pack of 6) | 2,80
""", profile="butcher", fresh="normal")

# ---- Librairies (titles and authors are invented) ----------------------------------------------

shop("librairie-la-page-blanche", "livres", """
Les Heures de la pierre bleue – Hélène Dufrasne | 22,00 | Roman. Trois générations d'une famille de carriers sonégiens, de 1913 à la fermeture des carrières. Coup de cœur de la librairie.
Le Silence des terrils – Marc Vandenhove | 21,50 | Roman noir dans le Borinage d'aujourd'hui.
Une saison à Ostende – Lise Marchal | 19,90 | Roman. Un été de 1938 sur la digue, entre deux mondes.
La Maison aux volets verts – Anne-Sophie Delcourt | 20,50 | Roman.
Ce que la Senne emporte – Thomas Goffin | 18,90 | Premier roman d'un auteur né à Braine-le-Comte.
Les Brumes de Mons – Jean-Luc Derbaix | 22,90 | Polar. Le commissaire Leclercq enquête pendant la Ducasse.
L'Hiver des Ardennes – Pierre Collignon | 21,00 | Roman historique.
Nos années kermesse – Sophie Lambotte | 19,50 | Chroniques d'une enfance hennuyère dans les années 80.
Le Dernier Train pour Charleroi – Nadia Benali | 9,20 | Roman, format poche.
Les Fenêtres du béguinage – Catherine Wuyts | 8,90 | Roman, format poche.
Carnets de la Sennette – Paul Renard | 15,00 | Poésie.
Manger local en Wallonie – Julie Masset | 19,90 | Essai et carnet d'adresses de producteurs.
Petite histoire de Soignies – Collectif | 24,00 | De saint Vincent à nos jours, 180 illustrations.
Cuisine de nos grands-mères hennuyères – Marie-Paule Lejeune | 26,00 | 120 recettes, de la tarte au riz au lapin à la bière.
Randonnées en Hainaut : 30 balades – Luc Desmet | 18,50 | Cartes détaillées et temps de marche.
Petit dictionnaire du picard de Soignies – Albert Hennaut | 17,00
Les Carriers, tome 1 : La Veine bleue – Dufour & Lemmens | 15,50 | Bande dessinée belge.
Les Carriers, tome 2 : Poussière d'azur – Dufour & Lemmens | 15,50 | Bande dessinée belge.
Inspecteur Moules, tome 7 : Frites et faux-semblants – Vanderborght | 13,95 | Bande dessinée belge.
La Ducasse – Amélie Fontaine | 24,95 | Roman graphique.
Lulu et le dragon de la collégiale – Claire Hubert | 14,50 | Album jeunesse, dès 4 ans.
Le Grand Livre des animaux de la ferme – Éric Maes | 16,90 | Documentaire jeunesse, dès 5 ans.
Les Enquêtes de Zoé, tome 3 : Le Mystère du moulin – Isabelle Gérard | 12,50 | Roman jeunesse, dès 8 ans.
Quinze jours à Bruges – Manon Leroy | 16,90 | Roman pour adolescents.
# papeterie
Agenda de la librairie 2027 | 14,90 | Illustré par des dessinateurs belges. | n
# cadeaux-souvenirs
Chèque-lire de 25 € | 25,00 | Valable un an dans la librairie. | n
""", gtin="isbn:1.0", fresh="normal", sku=None)

shop("le-kiosque-de-la-gare", "livres", """
# autres
Le Soir (quotidien) | 3,30 | n
La Libre Belgique (quotidien) | 3,30 | n
La Province, édition Mons-Borinage-Centre (quotidien) | 2,70 | n
L'Avenir (quotidien) | 2,80 | n
Magazine télé de la semaine | 2,90 | n
Carnet de 10 timbres nationaux | - | Tarif bpost en vigueur. | n
# livres
Le Passeur de Binche – Olivier Mathy | 9,50 | Thriller, format poche.
La Fille du canal – Émilie Noël | 8,90 | Roman, format poche.
Un été sans fin à Knokke – Sarah Lenoir | 9,90 | Roman, format poche.
Les Ombres de la gare du Midi – Karim Dahmani | 10,20 | Polar, format poche.
Le Jardin de Marguerite – Lucie Fontaine | 8,50 | Roman, format poche.
Guide des promenades de l'entité de Soignies | 12,00 | 15 circuits balisés, de Casteau à Thieusies.
Balades à vélo en Hainaut | 16,50 | Points-nœuds et cartes.
Randonnées au fil de la Senne | 14,00
# papeterie
Cartes de vœux (lot de 6) | 9,90 | n
Carte d'anniversaire avec enveloppe | 3,20 | n
Carte de condoléances avec enveloppe | 3,20 | n
# cadeaux-souvenirs
Carte postale : la collégiale Saint-Vincent | 1,20 | n
Carte postale : la Grand-Place de Soignies | 1,20 | n
""", gtin="isbn:0.8", fresh="fresh", qty=(2, 30))

shop("bouquinerie-le-vieux-carrier", "livres", """
Les Carrières de pierre bleue du Hainaut (1952, broché, bon état) | 35,00 | Exemplaire d'occasion, quelques rousseurs. | u
Histoire de la ville de Soignies, par l'abbé J.-B. Hocquet (1921) | - | Relié demi-cuir, planches hors texte. Prix sur demande. | u
Le Tour de Saint-Vincent à travers les siècles (1965) | 28,00 | Occasion, couverture illustrée. | u
Almanach du carrier 1938 | 24,00 | Occasion, état moyen. | u
Monographie de la collégiale Saint-Vincent (1947, avec planches) | 45,00 | u
Encyclopédie des métiers d'autrefois (4 volumes, 1974) | 80,00 | Occasion, très bon état. | u
Atlas de Belgique illustré (1958) | 30,00 | u
Les Chemins de fer vicinaux du Centre (1983) | 22,00 | Occasion, avec photographies d'époque. | u
Mémoires d'un tailleur de pierre, par Jules Leclercq (1931) | - | Édition originale, rare. Prix sur demande. | u
Dictionnaire du patois du Centre (1909) | - | Pièce rare, prix sur demande. | u
Lot de 10 romans policiers de poche | 10,00 | Occasion, années 70 et 80.
Romans de poche d'occasion (pièce) | 2,00 | Grand choix dans le bac à l'entrée.
Livres pour enfants d'occasion (pièce) | 1,50
# seconde-main
Carte postale ancienne : Grand-Place de Soignies (vers 1910) | 12,00 | u
Carte postale ancienne : la gare de Soignies (vers 1905) | 18,00 | u
Carte postale ancienne : carrières du Clypot (vers 1925) | 15,00 | u
Carte postale ancienne : procession du Tour de Saint-Vincent (1932) | 22,00 | u
Lot de 20 cartes postales de l'entité (1950-1970) | 20,00
Le Patriote illustré, année 1936 reliée | 40,00 | u
Lot de 12 hebdomadaires de bande dessinée (1962) | 36,00 | u
Annales du Cercle d'histoire sonégien, tome 12 (1981) | 15,00 | u
Vieilles revues de mode (pièce) | 3,00
""", profile="counted", fresh="stale", qty=(1, 8))

shop("bulles-et-cases", "livres", """
Les Carriers, tome 3 : Le Dernier Filon – Dufour & Lemmens | 15,95 | Nouveauté. Dédicace des auteurs le 12 décembre.
Les Carriers, tome 3 : Le Dernier Filon – tirage de tête numéroté et signé | 89,00 | Tirage limité à 300 exemplaires, cahier graphique de 16 pages. | q
Les Carriers, intégrale tomes 1 et 2 – Dufour & Lemmens | 29,95
Capitaine Bretzel, tome 12 : L'Île aux mouettes – Jaumotte | 12,50
Les Aventures de Zinzin et Plouf, tome 4 : Panique au zoo – Degreef | 11,95
Brigade des frites, tome 2 : Sauce piquante – Lambrechts & Noël | 13,95
Inspecteur Moules, tome 8 : Moules marinières – Vanderborght | 13,95 | Nouveauté.
Les Diables du plat pays, tome 1 : Le Chant du crassier – Moreau | 14,95
Kermesse héroïque, tome 5 : Le Géant d'Ath – Pirson | 13,95
La Légende de saint Vincent – Hanquet & Delvaux | 16,50 | Bande dessinée historique.
Nadia des étoiles, intégrale 1 – Collard | 29,95
L'Atelier du vent – Amélie Fontaine | 27,00 | Roman graphique.
L'Atelier du vent – édition de luxe avec ex-libris | 59,00 | q
Mémoires d'un tram vicinal – Gilles Brasseur | 24,95 | Roman graphique.
Lili Patate, tome 1 : La Rentrée – Dessart | 10,95 | BD jeunesse, dès 6 ans.
Les Petits Mousquetaires, tome 8 – Verhaegen | 11,50 | BD jeunesse.
Kaze no Kiseki, tome 14 – Aoi Morimoto | 7,50 | Manga.
Ryū Academy, tome 1 – Kenta Hayashi | 7,20 | Manga.
Ryū Academy, coffret tomes 1 à 3 – Kenta Hayashi | 21,60 | Manga.
Samurai Bakery, tome 6 – Yuki Tanabe | 7,50 | Manga.
Midnight Shōnen, tome 22 – Ren Kuroda | 7,20 | Manga.
Ninja Cat, tome 2 – Mei Sato | 6,95 | Manga pour enfants.
Neon Guardians, volume 2 – Jessica Hale | 19,95 | Comics.
Ironclad City, intégrale – Marcus Reed | 35,00 | Comics.
# jeux-jouets
Figurine Capitaine Bretzel (12 cm) | 34,90 | Résine peinte à la main. | q
# maison-decoration
Affiche sérigraphiée Les Carriers (50 × 70 cm) | 45,00 | Signée par Dufour, 100 exemplaires. | n
# papeterie
Carnet de croquis A5 Bulles & Cases | 12,90 | n
# cadeaux-souvenirs
Bon d'achat de 20 € | 20,00 | n
""", gtin="isbn:0.95", fresh="fresh", qty=(1, 15))

shop("librairie-saint-vincent", "papeterie", """
Cahier A4 quadrillé 1 cm, 96 pages // Schrift A4 geruit 1 cm, 96 blz. // A4 exercise book, 1 cm squares, 96 pages | 2,40 | Demandé dans la plupart des listes de primaire.
Cahier A5 ligné, 48 pages // Schrift A5 gelijnd, 48 blz. // A5 lined exercise book, 48 pages | 1,30
Bloc de cours A4 ligné, 100 feuilles // Collegeblok A4 gelijnd, 100 vel // A4 lined notepad, 100 sheets | 3,20
Classeur à levier A4, dos 8 cm // Ordner A4, rug 8 cm // A4 lever arch file, 8 cm | 4,50 | Plusieurs couleurs.
Intercalaires A4 (12 onglets) // Tabbladen A4 (12 tabs) // A4 dividers (12 tabs) | 2,20
Pochettes plastique A4 (100 pièces) // Showtassen A4 (100 stuks) // A4 punched pockets (100) | 5,90
Stylo-plume scolaire // Schoolvulpen // School fountain pen | 9,90 | Pour droitiers et gauchers, plume moyenne.
Cartouches d'encre bleue (boîte de 30) // Inktpatronen blauw (doos van 30) // Blue ink cartridges (box of 30) | 3,90
Stylos à bille bleus (4 pièces) // Blauwe balpennen (4 stuks) // Blue ballpoint pens (4) | 2,60
Crayons de couleur (boîte de 24) // Kleurpotloden (doos van 24) // Colouring pencils (box of 24) | 8,90 | Mine tendre, bois certifié.
Feutres lavables (12 pièces) // Afwasbare stiften (12 stuks) // Washable felt-tip pens (12) | 5,50
Surligneurs (4 couleurs) // Markeerstiften (4 kleuren) // Highlighters (4 colours) | 4,20
Gomme blanche // Witte gom // White eraser | 0,90
Taille-crayon avec réservoir // Puntenslijper met bakje // Pencil sharpener with container | 2,30
Latte 30 cm // Lat 30 cm // 30 cm ruler | 1,40
Équerre géométrique 16 cm // Geodriehoek 16 cm // Set square, 16 cm | 3,80
Compas scolaire // Schoolpasser // School compass | 7,90
Bâton de colle 21 g // Lijmstift 21 g // Glue stick, 21 g | 2,10
Ciseaux à bouts ronds // Kinderschaar met ronde punt // Round-tip children's scissors | 3,50
Plumier garni // Gevulde pennenzak // Filled pencil case | 16,90
Agenda scolaire 2026-2027 // Schoolagenda 2026-2027 // School diary 2026-2027 | 8,90 | Une semaine sur deux pages, du 1er septembre au 30 juin.
Calculatrice scientifique // Wetenschappelijke rekenmachine // Scientific calculator | 24,90 | Modèle demandé en secondaire inférieur.
Calculatrice graphique // Grafische rekenmachine // Graphing calculator | 99,00 | Pour les options mathématiques fortes. | q
Cartes de vœux (lot de 10) // Wenskaarten (set van 10) // Greeting cards (set of 10) | 12,50
Carte de vœux double avec enveloppe // Dubbele wenskaart met envelop // Folded greeting card with envelope | 3,50
Papier cadeau (rouleau de 2 m) // Cadeaupapier (rol van 2 m) // Gift wrap (2 m roll) | 3,90
# accessoires-maroquinerie
Cartable deux compartiments // Boekentas met twee vakken // Two-compartment school satchel | 49,90 | Dos rembourré, bandes réfléchissantes.
Sac à dos scolaire 25 l // Schoolrugzak 25 l // School backpack, 25 l | 39,90 | Compartiment ordinateur 15 pouces.
# livres
Grammaire de référence du français (secondaire) // - // - | 18,50
Atlas scolaire de Belgique et du monde // - // - | 27,50
Dictionnaire de français de poche // - // - | 9,90
Cahier d'activités de mathématiques, 1re secondaire // - // - | 14,90
# jeux-jouets
Les Bâtisseurs de la collégiale (jeu de société) // De bouwers van de collegiale kerk (gezelschapsspel) // The Collegiate Builders (board game) | 39,90 | De 2 à 4 joueurs, dès 10 ans.
Course aux frites (jeu de cartes) // Frietenrace (kaartspel) // Chip Race (card game) | 14,90 | Dès 7 ans, parties de 15 minutes.
Puzzle 1 000 pièces : Grand-Place de Soignies // Puzzel 1 000 stukjes: Grote Markt van Zinnik // 1,000-piece puzzle: Soignies Grand-Place | 19,90
L'Île aux trésors (jeu coopératif) // Het schatteneiland (coöperatief spel) // Treasure Island (cooperative game) | 29,90 | Dès 6 ans.
""", gtin=0.85, sku="LSV", fresh="normal", qty=(3, 40))

shop("au-pays-des-contes", "livres", """
Petit Ours ne veut pas dormir – Anne Despret | 11,50 | Album cartonné, dès 1 an.
Où es-tu, petite souris ? – Léa Baudoux | 12,90 | Livre à rabats, dès 18 mois.
Mon premier imagier des bruits – Camille Roger | 15,90 | Livre sonore, dès 1 an.
Les Trois Cochons et le loup végétarien – Marc Dethier | 13,50 | Album, dès 4 ans.
La Sorcière de la rue Neuve – Julie Colson | 14,50 | Album, dès 5 ans.
Léon le hérisson fait ses courses – Sophie Wathelet | 12,90 | Album, dès 3 ans.
Bonne nuit, Soignies ! – Claire Hubert | 14,90 | Album, dès 2 ans.
Contes de Wallonie pour les petits – Collectif | 19,90 | Douze contes illustrés à lire le soir.
Tom et le chat volant – Nicolas Ponsard | 6,50 | Premières lectures, dès 6 ans.
Les Enquêtes de Zoé, tome 1 : Le Voleur de couques – Isabelle Gérard | 12,50 | Roman, dès 8 ans.
Le Club des cinq cousins, tome 2 – Martine Lefort | 9,90 | Roman, dès 8 ans.
La Carte du marais – Hugo Delahaut | 14,90 | Roman d'aventures, de 9 à 12 ans.
Ce que les étoiles savent – Inès Kaddouri | 17,90 | Roman pour adolescents.
Dix-sept étés – Laura Vermeulen | 16,50 | Roman pour adolescents.
Les Iguanodons de Bernissart – Pierre-Yves Hainaut | 16,90 | Documentaire, dès 7 ans.
Mon corps en 100 questions – Dr Anne Lemaire | 14,90 | Documentaire, dès 7 ans.
Cherche et trouve à la kermesse – Olivier Dumont | 13,90 | Livre-jeu, dès 4 ans.
Mes premiers mots en néerlandais – Els Peeters | 12,50 | Imagier bilingue, dès 3 ans.
# jeux-jouets
Marionnette à main renard | 24,90 | Pour les lectures contées à la maison. | g
Puzzle 48 pièces : la ferme | 12,90 | g
# cadeaux-souvenirs
Panier cadeau naissance | 35,00 | Deux albums cartonnés, un doudou et une carte, composé à la demande. | w
Panier cadeau 3-6 ans | 40,00 | Composé selon l'âge et les goûts de l'enfant. | w
Panier cadeau 8-12 ans | 45,00 | Deux romans, un carnet et un marque-page. | w
""", gtin="isbn:1.0", fresh="normal", qty=(1, 10))

# ---- Fleuristes --------------------------------------------------------------------------------

shop("fleurs-de-pierre", "jardin-fleurs", """
Bouquet champêtre de saison (petit) // Veldboeket van het seizoen (klein) // Seasonal country bouquet (small) | 25,00 | Composé le jour même avec les fleurs de saison.
Bouquet champêtre de saison (moyen) // Veldboeket van het seizoen (middel) // Seasonal country bouquet (medium) | 40,00
Bouquet champêtre de saison (grand) // Veldboeket van het seizoen (groot) // Seasonal country bouquet (large) | 60,00
Bouquet de roses rouges (12 tiges) // Boeket rode rozen (12 stelen) // Red roses (12 stems) | 45,00
Bouquet de mariée sur mesure // Bruidsboeket op maat // Bespoke bridal bouquet | - | Rendez-vous de conseil offert, deux mois avant le mariage. | w
Arrangement de deuil sur mesure // Rouwstuk op maat // Bespoke funeral arrangement | - | Livré au funérarium ou à l'église. | w
Amaryllis en pot // Amaryllis in pot // Potted amaryllis | 19,50 | s
Hellébore (rose de Noël) en pot // Kerstroos in pot // Christmas rose (hellebore), potted | 14,90 | s
Orchidée phalaenopsis (2 tiges) // Orchidee phalaenopsis (2 takken) // Phalaenopsis orchid (2 stems) | 29,00 | q
Ficus lyrata (90 cm) // Vioolbladplant (90 cm) // Fiddle-leaf fig (90 cm) | 49,00 | q
Composition de table de Noël // Kersttafelstuk // Christmas table centrepiece | 35,00 | Sapin, pommes de pin, bougie et velours rouge.
Couronne de porte de l'Avent // Adventskrans voor de deur // Advent door wreath | 39,00 | Branchages frais de sapin et d'eucalyptus.
# autres
Livraison dans l'entité de Soignies // Levering in de gemeente Zinnik // Delivery within Soignies | 7,50 | Tous les villages de l'entité, le jour même pour toute commande avant 11h. | x
""", profile="florist", fresh="normal")

shop("atelier-floral-camelia", "jardin-fleurs", """
Bouquet graphique (moyen) | 45,00 | Lignes épurées, fleurs coupées de producteurs belges.
Bouquet graphique (grand) | 70,00
Bouquet de la semaine | 30,00 | Selon l'arrivage du lundi.
Couronne de l'Avent à quatre bougies | 45,00 | Façonnée sous vos yeux ; bougies au choix.
Couronne de l'Avent sur commande | - | Taille et couleurs à choisir ensemble. | w
Centre de table d'hiver | 38,00
Renoncules (botte de 10) | 18,00 | o
Tulipes belges (botte de 20) | 16,00 | De janvier à avril. | o
# loisirs-creatifs-musique
Atelier de composition florale (1 place) | 55,00 | Un jeudi soir par mois, fleurs et matériel compris. Sur inscription. | q
Atelier couronne de l'Avent (1 place) | 60,00 | Samedi 28 novembre et jeudi 3 décembre. | q
# cadeaux-souvenirs
Bon cadeau atelier floral | 55,00 | n
""", profile="florist", fresh="fresh", qty=(0, 8))

shop("les-jardins-de-louvignies", "jardin-fleurs", """
Sapin Nordmann coupé (125-150 cm) | 34,00 | À partir du 1er décembre, filet offert. | o
Sapin Nordmann coupé (150-175 cm) | 42,00 | À partir du 1er décembre, filet offert. | o
Sapin Nordmann coupé (175-200 cm) | 52,00 | À partir du 1er décembre, filet offert. | o
Sapin Nordmann en pot (80-100 cm) | 39,00 | À replanter au jardin après les fêtes.
Pied de sapin en bois | 14,90 | g
Chrysanthème boule (pot de 23 cm) | 12,50 | Fin de la saison de la Toussaint.
Bruyère d'hiver (pot) | 3,90
Pensées (barquette de 6) | 6,50
Cyclamen d'extérieur | 4,50
Poinsettia (pot de 13 cm) | 8,90
Houx panaché (pot de 3 l) | 17,50
Rosier buisson à racines nues | 9,90 | Plantation de novembre à mars.
Arbre fruitier, pommier 'Reinette de Blenheim' (scion) | 29,00 | Variété ancienne recommandée en Hainaut.
Plants de tomates (pot de 9 cm) | 2,90 | Au printemps, d'avril à juin. | o
Plants de courgettes (pot de 9 cm) | 2,90 | Au printemps. | o
Plants de salades (barquette de 12) | 4,50 | Au printemps. | o
Bulbes de tulipes (filet de 25) | 7,90 | g
Bulbes de narcisses (filet de 20) | 6,90 | g
Graines de radis (sachet) | 2,20 | g
Terreau universel (sac de 40 l) | 8,90 | g
Terreau pour agrumes et méditerranéennes (sac de 20 l) | 9,50 | g
Engrais organique pour potager (1,5 kg) | 12,90 | g
Sécateur de jardin | 24,90 | g
""", profile="default", fresh="slow", gtin=0.0)

shop("au-bouquet-de-la-collegiale", "jardin-fleurs", """
Gerbe de deuil (grande) | 120,00 | Livrée le jour même au funérarium ou à l'église.
Gerbe de deuil (moyenne) | 85,00
Couronne mortuaire | 150,00 | Ruban personnalisé compris.
Coussin de deuil en roses | - | Prix selon la taille et les fleurs choisies.
Composition pour la tombe | 45,00
Fleurissement de tombe (entretien annuel) | 180,00 | Nettoyage, plantations de saison quatre fois par an. | w
Bouquet de mariée rond | 110,00 | Sur rendez-vous de conseil. | w
Boutonnière du marié | 15,00
Décoration de l'église pour mariage | - | Devis sur mesure. | w
Bouquet de baptême | 35,00
Bouquet de roses blanches (12 tiges) | 45,00
Chrysanthèmes en pot pour la tombe | 15,00 | Fin de saison.
""", profile="florist", fresh="normal")

shop("verdure-et-cie", "jardin-fleurs", """
Monstera deliciosa (pot de 21 cm) // Gatenplant (pot 21 cm) // Monstera deliciosa (21 cm pot) | 34,90
Pothos doré (pot de 12 cm) // Scindapsus (pot 12 cm) // Golden pothos (12 cm pot) | 9,90
Sansevieria (pot de 17 cm) // Vrouwentong (pot 17 cm) // Snake plant (17 cm pot) | 19,90 | La plante des débutants : un arrosage par mois.
Calathea orbifolia (pot de 17 cm) // Calathea orbifolia (pot 17 cm) // Calathea orbifolia (17 cm pot) | 27,50
Ficus elastica (pot de 21 cm) // Rubberplant (pot 21 cm) // Rubber plant (21 cm pot) | 29,90
Zamioculcas (pot de 17 cm) // Zamioculcas (pot 17 cm) // ZZ plant (17 cm pot) | 24,90
Fougère de Boston (suspension) // Bostonvaren (hangpot) // Boston fern (hanging basket) | 18,50
Strelitzia (pot de 24 cm) // Paradijsvogelbloem (pot 24 cm) // Bird of paradise (24 cm pot) | 54,00 | q
Olivier en pot (100 cm) // Olijfboom in pot (100 cm) // Potted olive tree (100 cm) | - | Prix selon l'arrivage et la taille du tronc. | q
Cactus cierge (pot de 12 cm) // Zuilcactus (pot 12 cm) // Column cactus (12 cm pot) | 11,50
Trio de succulentes // Trio vetplanten // Trio of succulents | 14,90
Echeveria (pot de 9 cm) // Echeveria (pot 9 cm) // Echeveria (9 cm pot) | 4,50
Terrarium fermé (petit) // Gesloten terrarium (klein) // Closed terrarium (small) | 39,00 | Écosystème autonome, à arroser deux fois par an.
Bouquet du marché // Marktboeket // Market bouquet | 12,00 | Chaque vendredi, à petit prix. | w
# maison-decoration
Cache-pot en céramique artisanale (14 cm) // Handgemaakte keramische sierpot (14 cm) // Handmade ceramic pot cover (14 cm) | 24,00 | Émail bleu pierre, tourné par une céramiste de Mons.
Cache-pot en céramique artisanale (21 cm) // Handgemaakte keramische sierpot (21 cm) // Handmade ceramic pot cover (21 cm) | 38,00
Cache-pot en fibre de coco (25 cm) // Sierpot van kokosvezel (25 cm) // Coconut fibre pot cover (25 cm) | 19,90
Suspension en macramé // Macramé-plantenhanger // Macramé plant hanger | 16,50
# jardin-fleurs
Terreau pour plantes d'intérieur (10 l) // Potgrond voor kamerplanten (10 l) // Houseplant compost (10 l) | 6,90 | g
Billes d'argile (5 l) // Kleikorrels (5 l) // Clay pebbles (5 l) | 7,50 | g
Engrais liquide pour plantes vertes (250 ml) // Vloeibare meststof voor groene planten (250 ml) // Liquid houseplant feed (250 ml) | 8,90 | g
Vaporisateur en laiton // Messing plantenspuit // Brass plant mister | 22,00
# autres
Rempotage d'une plante (jusqu'à 30 cm de pot) // Verpotten van een plant (pot tot 30 cm) // Repotting one plant (pot up to 30 cm) | 8,00 | Terreau compris ; le pot en plus. | x
Hôtel à plantes (par plante et par semaine) // Plantenhotel (per plant per week) // Plant hotel (per plant per week) | 3,00 | On arrose vos plantes pendant vos vacances. | x
""", profile="default", fresh="normal", gtin=0.0)

shop("petale-et-brindille", "jardin-fleurs", """
Bouquet de fleurs séchées (petit) | 29,00 | Se garde des mois, sans eau.
Bouquet de fleurs séchées (grand) | 55,00
Bouquet d'hortensias stabilisés | 42,00
Rose stabilisée sous cloche | 39,00 | Dure plusieurs années.
Couronne de porte en fleurs séchées (30 cm) | 49,00
Couronne de Noël en fleurs séchées | 55,00
Bouquet de mariée en fleurs séchées | 120,00 | Sur commande, assorti à la boutonnière. | w
Boutonnière en fleurs séchées | 18,00 | w
Pampa séchée (botte de 5) | 19,00
Lunaria (monnaie-du-pape) séchée, botte | 14,00
Bouquet frais du week-end | 30,00 | Selon l'arrivage, le vendredi et le samedi. | w
# loisirs-creatifs-musique
Atelier enterrement de vie de jeune fille (par personne) | 45,00 | Chaque participante repart avec sa couronne. Minimum 6 personnes. | w
# maison-decoration
Vase en grès (20 cm) | 28,00
""", profile="default", fresh="fresh")

# ---- Pharmacies (parapharmacy only: no medicines) ---------------------------------------------

shop("pharmacie-de-la-grand-place", "beaute-soins", """
Crème solaire visage SPF 50+ (50 ml) // Zonnecrème gezicht SPF 50+ (50 ml) // Face sun cream SPF 50+ (50 ml) | 18,90 | Texture fluide non grasse, résistante à l'eau. Convient aux peaux sensibles.
Lait solaire famille SPF 30 (200 ml) // Zonnemelk familie SPF 30 (200 ml) // Family sun lotion SPF 30 (200 ml) | 16,50 | o
Crème hydratante peaux sensibles (40 ml) // Hydraterende crème gevoelige huid (40 ml) // Moisturiser for sensitive skin (40 ml) | 21,90 | Sans parfum, testée sous contrôle dermatologique.
Sérum à l'acide hyaluronique (30 ml) // Serum met hyaluronzuur (30 ml) // Hyaluronic acid serum (30 ml) | 29,90 | Repulpe et hydrate ; matin et soir avant la crème.
Eau micellaire (400 ml) // Micellair water (400 ml) // Micellar water (400 ml) | 12,90
Baume relipidant peaux atopiques (400 ml) // Relipiderende balsem atopische huid (400 ml) // Lipid-replenishing balm for atopic skin (400 ml) | 19,90 | Pour toute la famille, dès la naissance.
Crème mains réparatrice (75 ml) // Herstellende handcrème (75 ml) // Repairing hand cream (75 ml) | 7,90
Stick lèvres nourrissant // Voedende lippenstick // Nourishing lip balm | 4,90
Crème anti-âge nuit (50 ml) // Anti-age nachtcrème (50 ml) // Anti-ageing night cream (50 ml) | 34,50
Shampooing doux usage fréquent (400 ml) // Milde shampoo voor dagelijks gebruik (400 ml) // Gentle shampoo for frequent use (400 ml) | 9,90
Déodorant 48 h sans sels d'aluminium // Deodorant 48 u zonder aluminiumzouten // 48-hour deodorant, aluminium-free | 8,50
# sante
Pansements assortis (boîte de 40) // Pleisters assortiment (doos van 40) // Assorted plasters (box of 40) | 5,90
Sérum physiologique (40 unidoses) // Fysiologisch serum (40 unidosissen) // Saline solution (40 single doses) | 6,20
Thermomètre digital // Digitale thermometer // Digital thermometer | 12,90 | Mesure en 10 secondes, embout souple.
Tisane digestion bio (20 sachets) // Biologische kruidenthee spijsvertering (20 zakjes) // Organic digestion herbal tea (20 bags) | 5,40 | Fenouil, menthe poivrée et anis vert.
Tisane sommeil bio (20 sachets) // Biologische kruidenthee nachtrust (20 zakjes) // Organic sleep herbal tea (20 bags) | 5,40 | Tilleul, verveine et fleur d'oranger, sans théine.
Gel hydroalcoolique (100 ml) // Handgel (100 ml) // Hand sanitiser gel (100 ml) | 3,90
Coffret de soins de fin d'année // Eindejaarsgeschenkset verzorging // Year-end skincare gift set | 39,00 | Sérum, crème de jour et eau micellaire en format voyage. | q
""", gtin=0.9, sku="#7", fresh="normal", qty=(2, 20))

shop("pharmacie-centrale", "sante", """
Location de béquilles (par semaine) // Huur krukken (per week) // Crutch hire (per week) | 5,00 | Caution de 30 €. | n
Location de tire-lait électrique (par mois) // Huur elektrische borstkolf (per maand) // Electric breast pump hire (per month) | 35,00 | n
Location de fauteuil roulant (par semaine) // Huur rolstoel (per week) // Wheelchair hire (per week) | 15,00 | Caution de 100 €. | n
Tensiomètre de bras // Bloeddrukmeter voor de arm // Upper-arm blood pressure monitor | 49,90 | Brassard universel de 22 à 42 cm, mémoire pour deux utilisateurs.
Pansements enfants décorés (boîte de 20) // Kinderpleisters (doos van 20) // Children's plasters (box of 20) | 4,90
Compresses stériles (boîte de 25) // Steriele kompressen (doos van 25) // Sterile gauze pads (box of 25) | 4,50
Spray nasal à l'eau de mer (100 ml) // Neusspray met zeewater (100 ml) // Seawater nasal spray (100 ml) | 8,90
Trousse de premiers secours // EHBO-kit // First-aid kit | 24,90 | Compresses, pansements, bandes, ciseaux et couverture de survie.
# vetements-enfant
Body en coton bio (3 mois) // Romper in biokatoen (3 maanden) // Organic cotton bodysuit (3 months) | 12,90
# beaute-soins
Lait de toilette bébé (500 ml) // Reinigingsmelk baby (500 ml) // Baby cleansing milk (500 ml) | 9,90
Crème pour le change (100 ml) // Luierzalf (100 ml) // Nappy cream (100 ml) | 7,50 | À l'oxyde de zinc, protège et apaise les rougeurs.
Liniment oléo-calcaire (500 ml) // Oleocalcair liniment (500 ml) // Oleo-calcareous liniment (500 ml) | 6,90
Lingettes bébé à l'eau (3 × 56) // Babydoekjes op waterbasis (3 × 56) // Water-based baby wipes (3 × 56) | 8,50
Gel lavant cheveux et corps bébé (500 ml) // Babywasgel voor haar en lichaam (500 ml) // Baby hair and body wash (500 ml) | 9,20
Huile de massage bébé (100 ml) // Baby massageolie (100 ml) // Baby massage oil (100 ml) | 11,50
# epicerie
Lait de croissance 1-3 ans (800 g) // Groeimelk 1-3 jaar (800 g) // Growing-up milk, 1-3 years (800 g) | 19,90 | Demandez conseil à votre pharmacien pour le choix du lait.
Petits pots légumes-poulet dès 8 mois (2 × 200 g) // Groente-kip potjes vanaf 8 maanden (2 × 200 g) // Vegetable and chicken baby jars from 8 months (2 × 200 g) | 3,90
# cuisine-table
Biberon anti-colique 260 ml // Anti-krampjes zuigfles 260 ml // Anti-colic baby bottle, 260 ml | 12,90 | Sans bisphénol A, tétine débit moyen.
# jeux-jouets
Anneau de dentition réfrigérant // Koelende bijtring // Cooling teething ring | 7,90
Sucette physiologique 6-18 mois (2 pièces) // Fopspeen 6-18 maanden (2 stuks) // Orthodontic soother, 6-18 months (2) | 9,50
""", gtin=0.9, sku="#7", fresh="normal", qty=(1, 15))

shop("pharmacie-du-nouveau-monde", "sante", """
Bas de contention classe 2 (paire) | 54,90 | Prise de mesures gratuite en officine.
Chaussettes de contention homme (paire) | 39,90 | Classe 1, aspect chaussette de ville ; noir, marine ou gris.
Chaussettes de voyage anti-fatigue (paire) | 19,90
Genouillère ligamentaire | 44,90 | Essayage conseillé.
Chevillère de maintien | 24,90 | Pour les entorses légères et la reprise du sport.
Attelle de poignet | 29,90 | Gauche ou droite, trois tailles.
Ceinture lombaire | 49,90 | Maintien du dos pour le jardinage et le port de charges.
Semelles orthopédiques sur mesure (paire) | 120,00 | Après prise d'empreinte sur rendez-vous. | w
Pilulier hebdomadaire (7 jours × 4 prises) | 9,90 | Matin, midi, soir, nuit ; cases faciles à ouvrir.
Préparation du pilulier hebdomadaire (par semaine) | 4,00 | Pour nos patients, sur ordonnance. | x
Canne de marche réglable | 24,90 | Poignée ergonomique, embout antidérapant.
Coussin anti-escarres | 69,00 | q
Loupe de lecture éclairante | 19,90 | Grossissement × 3, éclairage LED.
Tisane circulation (20 sachets) | 5,50
Crème pour les pieds secs (100 ml) | 8,90
Gel froid pour jambes lourdes (150 ml) | 12,50
""", gtin=0.8, fresh="slow", qty=(1, 10))

shop("pharmacie-hennebert", "sante", """
Huile essentielle de lavande vraie bio (10 ml) // Biologische etherische olie echte lavendel (10 ml) // Organic true lavender essential oil (10 ml) | 8,90 | Apaisante ; quelques gouttes dans le diffuseur avant le coucher.
Huile essentielle d'eucalyptus radié bio (10 ml) // Biologische etherische olie eucalyptus radiata (10 ml) // Organic Eucalyptus radiata essential oil (10 ml) | 7,90 | En diffusion pendant l'hiver. Demandez conseil avant usage chez l'enfant.
Huile essentielle de tea tree bio (10 ml) // Biologische etherische olie tea tree (10 ml) // Organic tea tree essential oil (10 ml) | 7,50
Huile essentielle de menthe poivrée bio (10 ml) // Biologische etherische olie pepermunt (10 ml) // Organic peppermint essential oil (10 ml) | 8,50
Diffuseur d'huiles essentielles en céramique // Keramische verstuiver voor etherische oliën // Ceramic essential oil diffuser | 49,90 | q
Roll-on respiration (10 ml) // Roll-on ademhaling (10 ml) // Easy breathing roll-on (10 ml) | 12,90 | Mélange prêt à l'emploi à appliquer sur le thorax. Dès 6 ans.
Spray assainissant aux huiles essentielles (200 ml) // Luchtzuiverende spray met etherische oliën (200 ml) // Essential oil air spray (200 ml) | 14,50
Gélules de curcuma et poivre noir (60 gélules) // Kurkuma en zwarte peper (60 capsules) // Turmeric and black pepper (60 capsules) | 19,90 | Complément alimentaire, fabriqué en Belgique.
Magnésium marin (60 comprimés) // Mariene magnesium (60 tabletten) // Marine magnesium (60 tablets) | 16,90
Tisane détente tilleul-mélisse (20 sachets) // Kruidenthee linde-citroenmelisse (20 zakjes) // Lime blossom and lemon balm herbal tea (20 bags) | 5,20
Tisane respiratoire thym-eucalyptus (20 sachets) // Kruidenthee tijm-eucalyptus (20 zakjes) // Thyme and eucalyptus herbal tea (20 bags) | 5,20
Gelée royale bio (10 ampoules) // Biologische koninginnengelei (10 ampullen) // Organic royal jelly (10 vials) | 18,50
Protéine de lactosérum vanille (750 g) // Wei-eiwit vanille (750 g) // Vanilla whey protein (750 g) | 34,90 | 24 g de protéines par portion, pour la récupération après l'effort.
Boisson isotonique en poudre citron (500 g) // Isotone dorstlesser poeder citroen (500 g) // Lemon isotonic drink powder (500 g) | 14,90
Gels énergétiques (boîte de 10) // Energiegels (doos van 10) // Energy gels (box of 10) | 19,90 | Goûts assortis, à prendre toutes les 45 minutes d'effort.
Barres protéinées chocolat (boîte de 12) // Proteïnerepen chocolade (doos van 12) // Chocolate protein bars (box of 12) | 24,90
Électrolytes en comprimés effervescents (20) // Elektrolyten bruistabletten (20) // Electrolyte effervescent tablets (20) | 9,90
Gel arnica pour les muscles (100 ml) // Arnicagel voor spieren (100 ml) // Arnica muscle gel (100 ml) | 11,90 | Effet froid, après le sport.
""", gtin=0.85, sku="PH", fresh="fresh", qty=(2, 25))

shop("pharmacie-de-naast", "sante", """
Tisane des Ardennes (vrac, 100 g) | 6,50 | Herboristerie : mélange maison, préparé à l'officine.
Camomille romaine (vrac, 50 g) | 4,90 | Herboristerie, pesée à l'officine.
Tilleul (vrac, 50 g) | 4,20 | Herboristerie, pesée à l'officine.
Verveine (vrac, 50 g) | 4,60
Ortie piquante (vrac, 100 g) | 4,80
Pansements hydrocolloïdes pour ampoules (6 pièces) | 7,90
Bande élastique de contention (10 cm × 4 m) | 6,50
Crème à l'arnica (50 g) | 8,20
Baume à lèvres au miel | 3,90
# animaux
Collier antiparasitaire pour chien (grand) | 32,90 | Pour les chiens de plus de 8 kg, efficace plusieurs mois.
Collier antiparasitaire pour chat | 24,90
Shampooing doux pour chien (250 ml) | 11,50
Pâte digestive pour chat (50 g) | 8,90
Pince à tiques | 4,50 | Pour chiens, chats et humains.
""", gtin=0.7, fresh="normal")

shop("pharmacie-saint-vincent", "sante", """
Pansements pour plaies sensibles (boîte de 20) | 6,90
Pansement hydrocellulaire 10 × 10 cm (boîte de 10) | 24,90 | Pour les plaies exsudatives ; conseil du pharmacien bandagiste.
Spray désinfectant sans alcool (100 ml) | 7,50
Bandes de gaze (5 rouleaux) | 5,90
Sparadrap microporeux (5 m) | 3,90
Crème cicatrisante (40 ml) | 12,90 | Pour les petites plaies et les peaux abîmées.
Protecteur cutané pour stomie (spray) | 19,90 | Conseil personnalisé du pharmacien bandagiste.
Vitamine D3 en gouttes (20 ml) | 11,90 | Fabriqué en Belgique.
Multivitamines adultes (30 comprimés) | 14,90 | Fabriqué en Belgique.
Probiotiques (30 gélules) | 22,90 | Fabriqué en Belgique.
Oméga 3 d'algues (60 capsules) | 24,50
# beaute-soins
Crème de jour bio à l'églantier (50 ml) | 24,90 | Cosmétique certifié bio, fabriqué en Belgique.
Huile démaquillante bio (150 ml) | 17,50
Savon solide au lait d'ânesse | 7,90 | Savonnerie artisanale du Hainaut.
Shampooing solide cheveux secs | 11,90
Déodorant crème bio (50 ml) | 9,90
Dentifrice bio menthe (75 ml) | 5,90
Brosse à dents en bambou | 3,50
""", gtin=0.85, fresh="normal")

# ---- Restaurants, cafés and hair salons: a few things to take away -----------------------------

shop("trattoria-da-nino", "epicerie", """
Sauce tomate au basilic maison (pot de 500 ml) // Huisgemaakte tomatensaus met basilicum (pot 500 ml) // Homemade tomato and basil sauce (500 ml jar) | 6,50
Ragù bolognese maison (pot de 500 ml) // Huisgemaakte ragù bolognese (pot 500 ml) // Homemade ragù bolognese (500 ml jar) | 9,50
Pesto alla genovese maison (pot de 180 g) // Huisgemaakte pesto alla genovese (pot 180 g) // Homemade pesto alla genovese (180 g jar) | 7,20
Orecchiette fraîches (500 g) // Verse orecchiette (500 g) // Fresh orecchiette (500 g) | 6,80 | Roulées le matin même.
Tiramisu de la nonna (portion à emporter) // Tiramisu van de nonna (portie om mee te nemen) // Nonna's tiramisu (takeaway portion) | 5,50
Huile d'olive extra vierge des Pouilles (75 cl) // Extra vierge olijfolie uit Apulië (75 cl) // Apulian extra virgin olive oil (75 cl) | 16,90 | g
# vins-spiritueux
Limoncello maison (50 cl) // Huisgemaakte limoncello (50 cl) // Homemade limoncello (50 cl) | 19,00
# cadeaux-souvenirs
Bon cadeau repas pour deux // Cadeaubon maaltijd voor twee // Dinner for two gift voucher | 70,00 | Antipasti, pâtes ou pizza, dessert et un verre de vin par personne. | n
""", profile="counted", fresh="normal", qty=(0, 12))

shop("auberge-du-vieux-moulin", "cadeaux-souvenirs", """
Bon cadeau menu dégustation pour deux // Cadeaubon degustatiemenu voor twee // Tasting menu for two gift voucher | 190,00 | Cinq services, valable un an. | n
Bon cadeau d'une valeur de 50 € // Cadeaubon ter waarde van 50 € // 50 € gift voucher | 50,00 | n
# epicerie
Terrine de campagne du chef (pot de 180 g) // Landterrine van de chef (pot 180 g) // Chef's country terrine (180 g jar) | 9,50
Confiture de rhubarbe du jardin (pot de 250 g) // Rabarberconfituur uit de tuin (pot 250 g) // Garden rhubarb jam (250 g jar) | 6,50
""", profile="voucher", fresh="normal")

shop("friterie-de-la-place-verte", "epicerie", """
Sauce andalouse maison (pot de 250 ml) | 3,50
Sauce tartare maison (pot de 250 ml) | 3,50
Sauce américaine maison (pot de 250 ml) | 3,50
Sauce samouraï maison (pot de 250 ml) | 3,50
Mayonnaise maison (pot de 500 ml) | 5,50
Graisse de bœuf pour friture (bloc de 2 kg) | 9,90 | Celle de nos frites : la cuisson en deux bains à la maison.
""", profile="default", fresh="fresh")

shop("grain-de-cafe", "boissons", """
Café Éthiopie Yirgacheffe, en grains (250 g) // Koffie Ethiopië Yirgacheffe, bonen (250 g) // Ethiopia Yirgacheffe coffee beans (250 g) | 12,50 | Torréfié chez nous ; notes de jasmin et de citron.
Café Brésil Cerrado, en grains (250 g) // Koffie Brazilië Cerrado, bonen (250 g) // Brazil Cerrado coffee beans (250 g) | 10,50 | Chocolat, noisette, peu d'acidité.
Café Guatemala Huehuetenango, en grains (250 g) // Koffie Guatemala Huehuetenango, bonen (250 g) // Guatemala Huehuetenango coffee beans (250 g) | 11,50
Espresso maison, en grains (1 kg) // Huisespresso, bonen (1 kg) // House espresso beans (1 kg) | 34,00
Café décaféiné à l'eau, en grains (250 g) // Cafeïnevrije koffie (waterproces), bonen (250 g) // Swiss water decaf beans (250 g) | 12,00
Café moulu pour filtre (250 g) // Gemalen filterkoffie (250 g) // Ground filter coffee (250 g) | 10,50 | Mouture à la demande pour votre cafetière.
Banana bread (tranche) // Bananenbrood (snee) // Banana bread (slice) | 3,80 | w
# cuisine-table
Cafetière à piston (8 tasses) // Cafetière (8 kopjes) // French press (8 cups) | 32,00
""", profile="counted", fresh="fresh", gtin=0.0, qty=(2, 20))

shop("salon-de-the-mathilde", "boissons", """
Thé noir Darjeeling (vrac, 100 g) // Zwarte thee Darjeeling (los, 100 g) // Darjeeling black tea (loose, 100 g) | 9,50
Thé noir Earl Grey (vrac, 100 g) // Zwarte thee Earl Grey (los, 100 g) // Earl Grey black tea (loose, 100 g) | 7,50
Thé vert sencha (vrac, 100 g) // Groene thee sencha (los, 100 g) // Sencha green tea (loose, 100 g) | 8,50
Thé vert à la menthe (vrac, 100 g) // Groene muntthee (los, 100 g) // Mint green tea (loose, 100 g) | 6,90
Thé blanc Pai Mu Tan (vrac, 50 g) // Witte thee Pai Mu Tan (los, 50 g) // Pai Mu Tan white tea (loose, 50 g) | 8,90
Oolong (vrac, 100 g) // Oolong (los, 100 g) // Oolong tea (loose, 100 g) | 10,50
Rooibos vanille (vrac, 100 g) // Rooibos vanille (los, 100 g) // Vanilla rooibos (loose, 100 g) | 6,50
Thé de Noël aux épices (vrac, 100 g) // Kerstthee met specerijen (los, 100 g) // Spiced Christmas tea (loose, 100 g) | 7,90
Chai masala (vrac, 100 g) // Chai masala (los, 100 g) // Masala chai (loose, 100 g) | 7,90
Infusion verveine-citron (vrac, 50 g) // Kruidenthee citroenverbena (los, 50 g) // Lemon verbena infusion (loose, 50 g) | 5,90
# pain-patisserie
Scones (4 pièces) // Scones (4 stuks) // Scones (4) | 8,00 | Avec un petit pot de lemon curd. | w
Gâteau au chocolat sans farine (entier) // Bloemloze chocoladetaart (heel) // Flourless chocolate cake (whole) | 28,00 | Sur commande, 48 heures à l'avance. | w
# cuisine-table
Théière en fonte (0,8 l) // Gietijzeren theepot (0,8 l) // Cast-iron teapot (0.8 l) | 45,00 | q
Boîte à thé en métal (100 g) // Metalen theeblik (100 g) // Metal tea caddy (100 g) | 9,90
""", profile="counted", fresh="normal", qty=(1, 12))

shop("le-comptoir-du-barbier", "beaute-soins", """
Huile à barbe au cèdre (30 ml) // Baardolie ceder (30 ml) // Cedar beard oil (30 ml) | 22,00 | Fabriquée en Belgique.
Huile à barbe sans parfum (30 ml) // Baardolie zonder parfum (30 ml) // Unscented beard oil (30 ml) | 20,00 | Fabriquée en Belgique.
Baume à barbe au vétiver (50 ml) // Baardbalsem vetiver (50 ml) // Vetiver beard balm (50 ml) | 24,00 | Fabriqué en Belgique.
Savon de rasage en bol (100 g) // Scheerzeep in kom (100 g) // Shaving soap in a bowl (100 g) | 19,00
Blaireau en poils synthétiques // Scheerkwast met synthetisch haar // Synthetic shaving brush | 29,00
Lotion après-rasage (100 ml) // Aftershave-lotion (100 ml) // Aftershave lotion (100 ml) | 21,00
Cire coiffante effet mat (75 ml) // Haarwax mat effect (75 ml) // Matt styling wax (75 ml) | 18,00
Peigne à barbe en corne // Baardkam van hoorn // Horn beard comb | 15,00
""", profile="counted", fresh="normal", gtin=0.6, qty=(1, 10))

shop("studio-meches-et-boucles", "beaute-soins", """
Shampooing déjaunissant (250 ml) | 19,90 | Pour les blonds polaires et les cheveux blancs.
Masque protecteur de couleur (200 ml) | 24,50
Soin sans rinçage thermo-protecteur (150 ml) | 21,00
Gloss ravivant de couleur (150 ml) | 22,00 | Rose, cuivré ou violet.
""", profile="default", fresh="slow", gtin=0.7)

shop("coiffure-racines", "beaute-soins", """
Henné naturel du Rajasthan (100 g) | 9,50 | Certifié bio.
Indigo naturel (100 g) | 10,50 | Pour les teintes brunes et noires, à associer au henné.
Poudre de plantes ayurvédiques (100 g) | 9,90 | Amla, brahmi et shikakaï.
Shampooing solide à l'ortie | 12,00 | Certifié bio, sans emballage.
Après-shampooing solide | 13,00
Huile de soin au ricin et à l'argan (50 ml) | 16,50
Brosse en bois de hêtre et poils de sanglier | 29,00
""", profile="default", fresh="normal", gtin=0.4)

# ---- Vêtements ---------------------------------------------------------------------------------

shop("boutique-heloise", "vetements-femme", """
Robe portefeuille en viscose imprimée // Wikkeljurk in bedrukte viscose // Printed viscose wrap dress | 89,00 | Du 36 au 46.
Robe pull en laine mérinos // Truijurk in merinowol // Merino wool jumper dress | 119,00 | Col montant, coupe droite. Du 36 au 46.
Robe de cocktail en crêpe // Cocktailjurk in crêpe // Crêpe cocktail dress | 149,00 | Créatrice belge, fabriquée à Liège.
Blouse en soie à col lavallière // Zijden blouse met strikkraag // Silk pussy-bow blouse | 95,00 | Soie lavable en machine à 30 °C ; écru, noir ou bordeaux.
Chemisier en coton blanc // Witte katoenen blouse // White cotton shirt | 59,00 | Popeline de coton, coupe ajustée.
Pull col roulé en cachemire // Kasjmieren coltrui // Cashmere roll-neck jumper | 169,00 | Cachemire de Mongolie, huit coloris.
Cardigan long en laine // Lang wollen vest // Long wool cardigan | 99,00
Pantalon large en laine // Wollen broek met wijde pijpen // Wide-leg wool trousers | 109,00 | Retouches offertes.
Pantalon cigarette stretch // Stretch sigarettenbroek // Stretch cigarette trousers | 79,00 | Retouches offertes.
Jupe plissée midi // Geplooide midirok // Pleated midi skirt | 85,00 | Taille élastique, plis soleil.
Jupe en velours côtelé // Ribfluwelen rok // Corduroy skirt | 69,00
Blazer en tweed // Tweed blazer // Tweed blazer | 159,00 | Doublé, boutons dorés. Du 36 au 48.
Manteau en laine bouillie // Mantel in gekookte wol // Boiled wool coat | 249,00 | Chaud et léger, fabriqué en Autriche.
Trench-coat classique // Klassieke trenchcoat // Classic trench coat | 189,00 | Coton déperlant, ceinture et doublure à carreaux.
Doudoune légère sans manches // Lichte bodywarmer // Lightweight gilet | 99,00
Combinaison en lin // Linnen jumpsuit // Linen jumpsuit | 129,00 | Collection printemps-été. | o
T-shirt en coton bio // T-shirt in biokatoen // Organic cotton T-shirt | 35,00
# accessoires-maroquinerie
Écharpe en laine et soie // Sjaal in wol en zijde // Wool and silk scarf | 59,00
Foulard carré en soie // Vierkante zijden sjaal // Silk square scarf | 65,00
Sac seau en cuir // Leren buideltas // Leather bucket bag | 179,00 | Cuir de vachette italien, bandoulière réglable. | q
Ceinture en cuir fin // Smalle leren riem // Slim leather belt | 45,00
Bonnet en laine côtelée // Geribde wollen muts // Ribbed wool beanie | 29,00
# bijoux-montres
Boucles d'oreilles créoles dorées // Vergulde creolen // Gold-plated hoop earrings | 39,00
""", sku="HEL", fresh="normal", qty=(1, 6))

shop("monsieur-charles", "vetements-homme", """
Costume sur mesure en laine | - | Deux essayages, quatre à six semaines de confection. Prise de mesures sur rendez-vous. | w
Costume de cérémonie trois pièces sur mesure | - | Pour les mariages et grandes occasions. | w
Costume prêt-à-porter en laine super 110's | 495,00 | Retouches comprises, prêtes en une semaine.
Veste en tweed irlandais | 289,00 | Tweed du Donegal, coudières en daim.
Veste de blazer marine | 259,00
Pantalon de flanelle grise | 139,00 | Taille haute, pinces, ourlet fait sur mesure.
Pantalon chino en coton | 89,00
Chemise cousue main en popeline | 145,00 | Col italien ou col boutonné.
Chemise sur mesure | 165,00 | Une vingtaine de tissus en boutique. | w
Chemise Oxford blanche | 79,00
Pull en laine d'agneau col V | 119,00 | Tricoté en Écosse ; marine, gris, bordeaux ou vert bouteille.
Pull col rond en mérinos | 109,00
Gilet de costume en laine | 89,00
Manteau en cachemire et laine | - | Coupe droite, doublure en soie, fabriqué en Italie. | q
Pardessus en laine chevronnée | - |  | q
# accessoires-maroquinerie
Cravate en soie tissée | 69,00 | Cousue main en Italie, une trentaine de motifs.
Nœud papillon en soie | 55,00
Pochette de costume en soie | 35,00
Boutons de manchette en argent | 89,00 | Argent 925, gravure possible.
Bretelles en cuir | 59,00
Ceinture en cuir de veau | 79,00
# chaussures
Derbies en cuir noir | 249,00 | Cousues Goodyear, ressemelables.
""", profile="default", fresh="slow", qty=(1, 4))

shop("les-petits-pas", "vetements-enfant", """
Gigoteuse en coton bio (0-6 mois) // Slaapzak in biokatoen (0-6 maanden) // Organic cotton baby sleeping bag (0-6 months) | 49,00 | TOG 2,5, ouverture latérale pratique pour le change.
Gigoteuse d'hiver (6-18 mois) // Winterslaapzak (6-18 maanden) // Winter sleeping bag (6-18 months) | 59,00
Body manches longues en coton bio (lot de 3) // Rompers lange mouwen in biokatoen (set van 3) // Long-sleeve organic cotton bodysuits (set of 3) | 29,00
Pyjama velours bébé // Fluwelen babypyjama // Baby velour sleepsuit | 24,00
Bonnet de naissance // Geboortemutsje // Newborn hat | 12,00
Doudou lapin en coton bio // Knuffeldoekje konijn in biokatoen // Organic cotton bunny comforter | 22,00
Combinaison pilote doublée (6-24 mois) // Gevoerd skipak (6-24 maanden) // Lined snowsuit (6-24 months) | 69,00 | Imperméable, doublure polaire, moufles intégrées.
Salopette en velours côtelé (2-6 ans) // Ribfluwelen tuinbroek (2-6 jaar) // Corduroy dungarees (2-6 years) | 39,00
Pull en laine mérinos (2-10 ans) // Trui in merinowol (2-10 jaar) // Merino wool jumper (2-10 years) | 45,00 | Laine douce qui ne gratte pas.
Sweat à capuche en coton bio (4-14 ans) // Hoodie in biokatoen (4-14 jaar) // Organic cotton hoodie (4-14 years) | 35,00
Jean slim enfant (4-14 ans) // Slim jeans kinderen (4-14 jaar) // Children's slim jeans (4-14 years) | 39,00
Robe en jersey (2-10 ans) // Jersey jurkje (2-10 jaar) // Jersey dress (2-10 years) | 36,00
Parka imperméable (4-14 ans) // Waterdichte parka (4-14 jaar) // Waterproof parka (4-14 years) | 89,00 | Capuche amovible, bandes réfléchissantes.
Legging en coton bio (2-8 ans) // Legging in biokatoen (2-8 jaar) // Organic cotton leggings (2-8 years) | 19,00
Chaussettes antidérapantes (lot de 3) // Antislipsokken (set van 3) // Non-slip socks (set of 3) | 12,00
Bonnet et écharpe en laine // Wollen muts en sjaal // Wool hat and scarf | 32,00
# chaussures
Chaussons en cuir souple (premiers pas) // Zachte leren slofjes (eerste stapjes) // Soft leather first-step slippers | 35,00
Premières chaussures montantes en cuir // Eerste leren hoge schoentjes // First walking boots, leather | 69,00 | Du 18 au 24, conseil et mesure du pied en boutique.
Baskets à scratch (24-35) // Sneakers met klittenband (24-35) // Hook-and-loop trainers (24-35) | 55,00 | Semelle souple, faciles à enfiler seul.
Bottes de pluie (22-35) // Regenlaarzen (22-35) // Wellington boots (22-35) | 29,00 | Caoutchouc naturel, chaussette polaire amovible.
Bottines fourrées (24-38) // Gevoerde enkellaarsjes (24-38) // Lined ankle boots (24-38) | 75,00 | Cuir et doublure laine, semelle antidérapante.
# cadeaux-souvenirs
Liste de naissance // Geboortelijst // Baby gift list | - | Ouverture gratuite, conseils de la vendeuse, ancienne puéricultrice. | w
""", fresh="normal", gtin=0.0, qty=(1, 8))

shop("friperie-la-deuxieme-vie", "seconde-main", """
Veste en jean vintage années 80 | 25,00 | Taille M, très bon état. | u
Blouson en cuir années 70 | - | Taille L, cuir patiné. Prix à la caisse. | u
Robe fleurie années 70 | 18,00 | Taille 38. | u
Pull jacquard en laine années 90 | 12,00 | Taille unique, ample. | u
Manteau en laine camel | 35,00 | Taille 40. | u
Imperméable vintage | 28,00 | Taille M. | u
Costume homme deux pièces | 30,00 | Taille 50, laine. | u
Chemise en flanelle à carreaux | 8,00 | u
Sweat de club de football des années 90 | 15,00 | u
Sac à main en cuir vintage | 22,00 | u
Jean femme (pièce) | 8,00 | Grand choix, toutes tailles, arrivages le mardi.
Jean homme (pièce) | 8,00 | Grand choix, toutes tailles.
T-shirt (pièce) | 3,00
Pull (pièce) | 6,00
Robe (pièce) | 7,00
Vêtements enfants (pièce) | 2,50 | De 0 à 14 ans.
Lot de vêtements bébé (0-12 mois) | 10,00 | Sac de 10 pièces.
Chaussures adulte (paire) | 8,00
Bottes en caoutchouc enfant (paire) | 5,00
Écharpe (pièce) | 4,00
Ceinture en cuir (pièce) | 5,00
Cravate (pièce) | 2,00
""", profile="counted", fresh="normal", qty=(2, 40))

shop("atelier-denim", "vetements-homme", """
# vetements-femme
Jean femme taille haute coupe droite // Damesjeans hoge taille rechte pijp // Women's high-rise straight jeans | 99,00 | Ourlet fait sur place en dix minutes.
Jean femme skinny stretch // Damesjeans skinny stretch // Women's stretch skinny jeans | 89,00 | Denim 98 % coton, bon maintien. Du 24 au 34.
Jean femme mom fit // Damesjeans mom fit // Women's mom-fit jeans | 95,00 | Taille haute, jambe fuselée, délavage clair.
Jean femme flare // Damesjeans flare // Women's flared jeans | 105,00
Jean femme large // Damesjeans wijde pijp // Women's wide-leg jeans | 109,00
Jupe en jean // Jeansrok // Denim skirt | 69,00
Veste en jean femme // Jeansjasje dames // Women's denim jacket | 99,00
Chemise en jean femme // Jeansblouse dames // Women's denim shirt | 79,00
# vetements-homme
Jean homme slim // Herenjeans slim // Men's slim jeans | 99,00 | Ourlet fait sur place en dix minutes.
Jean homme coupe droite // Herenjeans rechte pijp // Men's straight jeans | 99,00 | Denim 12 oz, coton bio. Du 28 au 40.
Jean homme regular brut selvedge // Herenjeans regular ruwe selvedge // Men's raw selvedge regular jeans | 159,00 | Toile japonaise.
Jean homme tapered // Herenjeans tapered // Men's tapered jeans | 105,00 | Large en haut, fuselé en bas ; stretch léger.
Jean homme relaxed // Herenjeans relaxed // Men's relaxed jeans | 99,00
Veste en jean doublée sherpa // Jeansjack met sherpavoering // Sherpa-lined denim jacket | 139,00 | Pour l'hiver, col en sherpa.
Chemise en jean homme // Jeanshemd heren // Men's denim shirt | 85,00
T-shirt en coton épais // T-shirt in zware katoen // Heavyweight cotton T-shirt | 35,00 | Coton bio de 220 g/m², coupe droite.
Sweat à col rond // Sweater met ronde hals // Crew-neck sweatshirt | 75,00
Sweat à capuche // Hoodie // Hoodie | 85,00
# chaussures
Baskets en toile // Canvas sneakers // Canvas trainers | 79,00
Baskets en cuir blanc // Witte leren sneakers // White leather trainers | 129,00 | Cuir pleine fleur, semelle cousue.
# accessoires-maroquinerie
Ceinture en cuir épais // Dikke leren riem // Thick leather belt | 55,00
""", sku="AD", fresh="fresh", qty=(1, 12))

shop("dentelle-et-soie", "vetements-femme", """
Soutien-gorge en dentelle avec armatures | 69,00 | Bonnets A à H, conseil en cabine.
Soutien-gorge sans armatures | 59,00
Soutien-gorge emboîtant grand maintien | 75,00 | Bonnets E à H.
Soutien-gorge post-mastectomie | 65,00 | Avec poches pour prothèse. Essayage sur rendez-vous. | w
Culotte en dentelle | 29,00 | Assortie aux soutiens-gorge en dentelle.
Shorty en dentelle | 32,00
String en soie | 35,00
Body en dentelle | 89,00
Nuisette en soie | 119,00 | Soie naturelle, bretelles réglables.
Pyjama en coton et modal | 79,00 | Doux et respirant ; chemise boutonnée et pantalon.
Robe de chambre en satin | 99,00 | Ceinture à nouer, poches plaquées.
Chemise de nuit en coton brodé | 69,00
Maillot de bain une pièce | 95,00 | Collection été. | o
Bikini à armatures | 89,00 | Collection été. | o
Paréo en voile de coton | 39,00
Collants voile 20 deniers | 14,90 | Noir, chair ou marine, du S au XL.
""", profile="default", fresh="normal", qty=(1, 6))

# ---- Opticiens ---------------------------------------------------------------------------------

shop("optique-delvaux", "optique", """
Monture en acétate écaille, fabrication belge // Montuur in schildpad-acetaat, Belgisch gemaakt // Tortoiseshell acetate frame, made in Belgium | 229,00
Monture en titane ultra-légère // Ultralicht titanium montuur // Ultralight titanium frame | 279,00 | 8 g seulement, charnières sans vis.
Monture en métal ronde // Rond metalen montuur // Round metal frame | 169,00
Monture française en acétate coloré // Frans montuur in gekleurd acetaat // French coloured acetate frame | 249,00
Monture enfant flexible // Flexibel kindermontuur // Flexible children's frame | 89,00 | Branches souples, garantie casse d'un an.
Lunettes de soleil polarisées // Gepolariseerde zonnebril // Polarised sunglasses | 159,00 | Verres polarisés catégorie 3, protection UV 400.
Lentilles de contact journalières (boîte de 30) // Daglenzen (doos van 30) // Daily contact lenses (box of 30) | - | Sur prescription, après adaptation ; prix selon la correction.
Lentilles de contact mensuelles (boîte de 6) // Maandlenzen (doos van 6) // Monthly contact lenses (box of 6) | - | Sur prescription, après adaptation ; prix selon la correction.
Solution multifonction pour lentilles (360 ml) // Multifunctionele lenzenvloeistof (360 ml) // Multipurpose lens solution (360 ml) | 14,90 | g
Spray nettoyant pour verres (30 ml) // Reinigingsspray voor brillenglazen (30 ml) // Lens cleaning spray (30 ml) | 6,50 | g
Chiffon microfibre // Microvezeldoekje // Microfibre cloth | 4,00
Étui à lunettes rigide // Hard brillenkoker // Hard glasses case | 15,00 | Fermeture aimantée, chiffon inclus.
Examen de la vue complet // Volledig oogonderzoek // Full eye examination | 40,00 | Sur rendez-vous, offert à l'achat de lunettes correctrices. | x
""", fresh="normal", gtin=0.0, qty=(1, 10))

shop("lunetterie-du-centre", "optique", """
Monture en acétate fabriquée en petite série | 245,00 | Acétate italien, charnières à ressort.
Monture en bois de noyer | - | Fabrication artisanale, pièce numérotée. | q
Monture en bois et acétate | 289,00 | Face en acétate, branches en bois de noyer ou d'érable.
Monture en corne | - | Corne de buffle polie à la main, pièce unique. | q
Lunettes de soleil à la vue (unifocales) | - | Prix selon la correction, devis gratuit. | w
Lunettes de soleil à la vue (progressives) | - | Prix selon la correction, devis gratuit. | w
Lunettes de soleil en acétate | 179,00 | Verres minéraux catégorie 3.
Lunettes de soleil en bois | 219,00 | Branches en bambou, verres polarisés.
Étui en cuir pour lunettes | 35,00
Cordon à lunettes en cuir | 18,00
Spray nettoyant (30 ml) | 6,00 | g
""", fresh="slow", qty=(1, 5))

shop("optique-audition-mercier", "optique", """
Monture métal pour homme | 149,00
Monture acétate pour femme | 169,00
Lunettes de lecture prêtes à porter (+1 à +3) | 29,00 | Une vingtaine de modèles à essayer au comptoir.
Lunettes loupe pour la couture (+3,5) | 35,00
Chaînette à lunettes | 19,00
Lingettes nettoyantes pour verres (boîte de 52) | 7,90 | g
# sante
Piles pour aides auditives, taille 312 (6 pièces) | 6,50 | Étiquette brune ; pour la plupart des appareils contour d'oreille. | g
Piles pour aides auditives, taille 13 (6 pièces) | 6,50 | g
Piles pour aides auditives, taille 10 (6 pièces) | 6,50 | g
Pastilles nettoyantes pour embouts (20) | 9,90 | g
Bouchons d'oreilles sur mesure pour la natation | 89,00 | Après prise d'empreinte. | w
Bouchons d'oreilles anti-bruit en mousse (5 paires) | 5,90 | g
Déshumidificateur pour aides auditives | 29,00 | Sèche et désinfecte les appareils pendant la nuit.
Amplificateur téléphonique | - | Compatible boucle magnétique ; démonstration au comptoir. | q
""", fresh="normal", gtin=0.0, qty=(1, 20))

shop("vision-plus", "optique", """
Monture acétate adulte, collection maison // Montuur acetaat volwassenen, huiscollectie // Adult acetate frame, house collection | 79,00 | Deuxième paire offerte.
Monture métal adulte, collection maison // Metalen montuur volwassenen, huiscollectie // Adult metal frame, house collection | 89,00 | Deuxième paire offerte.
Monture de marque en acétate // Merkmontuur in acetaat // Designer acetate frame | 189,00 | Une sélection de plus de 300 modèles en magasin.
Monture de marque en métal // Merkmontuur in metaal // Designer metal frame | 179,00
Monture enfant garantie casse un an // Kindermontuur met breukgarantie van een jaar // Children's frame with one-year breakage guarantee | 59,00
Monture sport enfant avec bandeau // Sportmontuur kinderen met band // Children's sports frame with strap | 69,00
Lunettes de soleil adulte // Zonnebril volwassenen // Adult sunglasses | 49,00
Lunettes de soleil enfant UV 400 // Zonnebril kinderen UV 400 // Children's sunglasses UV 400 | 25,00 | Monture souple, de 3 à 10 ans.
Lunettes de soleil polarisées // Gepolariseerde zonnebril // Polarised sunglasses | 89,00
Lunettes anti-lumière bleue // Blauwlichtbril // Blue-light glasses | 39,00 | Sans correction, pour le travail sur écran.
Lunettes de lecture (+1 à +3,5) // Leesbril (+1 tot +3,5) // Reading glasses (+1 to +3.5) | 19,00
Lentilles journalières (boîte de 90) // Daglenzen (doos van 90) // Daily lenses (box of 90) | 69,00 | Sur prescription ; contrôle de la vue sans rendez-vous.
Solution pour lentilles (2 × 360 ml) // Lenzenvloeistof (2 × 360 ml) // Lens solution (2 × 360 ml) | 19,90 | g
Kit de nettoyage pour lunettes // Brillenreinigingsset // Glasses cleaning kit | 9,90 | g
Étui à lunettes pliable // Opvouwbare brillenkoker // Folding glasses case | 12,00
""", sku="VP", fresh="fresh", gtin=0.0, qty=(3, 50))

shop("opticien-rousseau", "optique", """
Monture classique en acétate | 195,00
Monture en titane | 259,00
Monture semi-cerclée | 185,00
Lunettes de sport à la vue | - | Verres correcteurs adaptés au vélo, au ski ou au golf ; devis gratuit. | w
Lunettes de natation à la vue | 69,00 | Corrections de -1 à -8.
Masque de plongée à la vue | - | Prix selon la correction. | q
Verres de conduite de nuit (la paire) | - | Selon la correction. | w
Lunettes pour le travail sur écran | 149,00 | Verres à champ intermédiaire, filtre lumière bleue.
Lunettes de soleil pour le vélo | 99,00
Spray antibuée (15 ml) | 8,50 | g
Chiffon microfibre | 4,00
""", fresh="slow", qty=(1, 6))

shop("les-lunettes-de-camille", "optique", """
Monture graphique en acétate rouge // Grafisch montuur in rood acetaat // Graphic red acetate frame | 199,00 | Acétate italien, faite en petite série.
Monture papillon en acétate vert // Vlindermontuur in groen acetaat // Green acetate cat-eye frame | 209,00 | Une forme rétro qui illumine le visage.
Monture ronde bicolore // Rond tweekleurig montuur // Two-tone round frame | 189,00
Monture hexagonale en métal doré // Zeshoekig montuur in goudkleurig metaal // Gold metal hexagonal frame | 179,00
Monture translucide rose // Transparant roze montuur // Translucent pink frame | 169,00
Lunettes de lecture colorées (+1 à +3) // Kleurrijke leesbril (+1 tot +3) // Colourful reading glasses (+1 to +3) | 35,00
Lunettes de lecture pliables avec étui // Opvouwbare leesbril met etui // Folding reading glasses with case | 45,00 | Se glissent dans une poche ; de +1 à +3.
Lunettes de soleil oversize // Oversized zonnebril // Oversized sunglasses | 129,00 | Verres dégradés catégorie 2.
Lunettes de soleil clip pour monture // Clip-on zonneglazen // Clip-on sunglasses | 59,00
Étui à lunettes en feutre // Vilten brillenkoker // Felt glasses case | 22,00
Cordon à lunettes en perles // Brillenkoord met kralen // Beaded glasses chain | 24,00
Chiffon imprimé // Bedrukt brillendoekje // Printed lens cloth | 6,00
""", fresh="normal", qty=(1, 8))

# ---- Sport (soignies-sports is the generated shop, below) -------------------------------------

shop("velo-passion-hainaut", "velo", """
Vélo de route carbone, Shimano 105 // Racefiets carbon, Shimano 105 // Carbon road bike, Shimano 105 | 2499,00 | Cadre carbone, freins à disque hydrauliques, 8,6 kg. Essai sur les routes autour de Naast. | q
Vélo de route aluminium, Shimano Tiagra // Racefiets aluminium, Shimano Tiagra // Aluminium road bike, Shimano Tiagra | 1199,00 | q
Vélo gravel aluminium 2 × 10 // Gravelbike aluminium 2 × 10 // Aluminium gravel bike, 2 × 10 | 1599,00 | Pneus de 40 mm, œillets pour porte-bagages et garde-boue. | q
Vélo gravel carbone 1 × 12 // Gravelbike carbon 1 × 12 // Carbon gravel bike, 1 × 12 | - |  | q
VTT semi-rigide 29 pouces // Hardtail mountainbike 29 inch // 29-inch hardtail mountain bike | 999,00 | q
VTT tout-suspendu trail // Volledig geveerde trailmountainbike // Full-suspension trail mountain bike | - | Débattement 140 mm, transmission 1 × 12. Essai sur rendez-vous. | q
Vélo électrique de ville, moteur central // Elektrische stadsfiets, middenmotor // Electric city bike, mid-drive motor | 2799,00 | Batterie de 500 Wh, jusqu'à 100 km d'autonomie, cadre bas. | q
Vélo électrique de randonnée 625 Wh // Elektrische trekkingfiets 625 Wh // Electric touring bike, 625 Wh | 3499,00 | Porte-bagages, éclairage intégré, fourche suspendue. | q
VTT électrique semi-rigide // Elektrische hardtail mountainbike // Electric hardtail mountain bike | - |  | q
Vélo enfant 20 pouces // Kinderfiets 20 inch // Children's bike, 20-inch | 399,00 | De 6 à 9 ans, 6 vitesses. | q
Casque de route ventilé // Geventileerde racehelm // Ventilated road helmet | 129,00 | Protection MIPS, 250 g.
Casque urbain avec éclairage arrière // Stadshelm met achterlicht // Urban helmet with rear light | 89,00
Cuissard à bretelles // Koersbroek met bretellen // Bib shorts | 99,00 | Peau de chamois haute densité pour les longues sorties.
Maillot manches longues thermique // Thermisch fietsshirt lange mouwen // Thermal long-sleeve jersey | 89,00
Veste coupe-vent vélo // Windjack fiets // Cycling windproof jacket | 119,00 | Déperlante, se range dans une poche de maillot.
Gants d'hiver vélo // Winterfietshandschoenen // Winter cycling gloves | 45,00
Couvre-chaussures néoprène // Neopreen overschoenen // Neoprene overshoes | 39,00
Pédales automatiques route // Klikpedalen weg // Clipless road pedals | 119,00 | Cales incluses.
Compteur GPS // Gps-fietscomputer // GPS bike computer | 249,00 | Navigation, capteurs de puissance et de cadence compatibles.
Éclairage avant et arrière USB // Fietsverlichting voor en achter USB // USB front and rear lights | 59,00
Antivol en U homologué // Gekeurd U-slot // Certified U-lock | 79,00 | Homologué par les assureurs belges.
Entretien complet // Volledig onderhoud // Full service | 120,00 | Sur rendez-vous, pièces en plus. | x
Étude posturale // Fietspositiestudie // Bike fitting | 150,00 | Sur rendez-vous, environ deux heures. | x
Location de vélo électrique (journée) // Verhuur elektrische fiets (dag) // Electric bike hire (one day) | 35,00 | Casque et antivol compris ; réservation conseillée le week-end. | n
""", sku="VPH", fresh="fresh", gtin=0.5, qty=(1, 6))

shop("le-coin-du-coureur", "sport-loisirs", """
# chaussures
Chaussures de running route, amorti neutre // Hardloopschoenen weg, neutrale demping // Road running shoes, neutral cushioning | 149,00 | Analyse de la foulée offerte.
Chaussures de running route, stabilité // Hardloopschoenen weg, stabiliteit // Road running shoes, stability | 159,00 | Analyse de la foulée offerte.
Chaussures de compétition à plaque carbone // Wedstrijdschoenen met carbonplaat // Carbon-plated racing shoes | 249,00 | q
Chaussures de trail // Trailschoenen // Trail running shoes | 159,00 | Crampons de 4 mm pour les chemins boueux du Hainaut.
Chaussures de trail imperméables // Waterdichte trailschoenen // Waterproof trail running shoes | 179,00
Chaussures de running femme légères // Lichte hardloopschoenen dames // Women's lightweight running shoes | 139,00 | Forme femme, 210 g.
# sport-loisirs
Chaussettes de running techniques // Technische hardloopsokken // Technical running socks | 16,00 | Sans couture, renforts talon et orteils.
Chaussettes de trail mi-hautes // Halfhoge trailsokken // Mid-height trail socks | 19,00
T-shirt technique manches courtes // Technisch T-shirt korte mouwen // Short-sleeve technical T-shirt | 39,00
Maillot manches longues thermique // Thermisch shirt lange mouwen // Thermal long-sleeve top | 55,00
Collant de running hiver // Winterhardlooptight // Winter running tights | 69,00 | Intérieur gratté, bandes réfléchissantes.
Short de running avec poche // Hardloopshort met zakje // Running shorts with pocket | 45,00
Veste de running imperméable // Waterdichte hardloopjas // Waterproof running jacket | 129,00 | Membrane respirante, se plie dans sa poche.
Gilet réfléchissant // Reflecterend vestje // Reflective vest | 25,00
Lampe frontale 400 lumens // Hoofdlamp 400 lumen // 400-lumen head torch | 59,00 | Rechargeable en USB, pour les sorties du mercredi soir en hiver.
Ceinture porte-bidon // Drinkgordel // Bottle belt | 35,00
Sac d'hydratation trail 5 l // Trailrugzak 5 l // Trail hydration vest, 5 l | 99,00 | Deux flasques de 500 ml comprises.
Flasque souple 500 ml // Zachte drinkfles 500 ml // Soft flask, 500 ml | 22,00
Montre GPS de running // Gps-hardloophorloge // GPS running watch | 299,00 | Fréquence cardiaque au poignet, 15 heures d'autonomie en GPS. | q
Bonnet de running // Hardloopmuts // Running beanie | 22,00
Gants de running tactiles // Hardloophandschoenen met touchscreenvingers // Touchscreen running gloves | 25,00
# epicerie
Gel énergétique (pièce) // Energiegel (stuk) // Energy gel (each) | 2,50 | g
Barre énergétique aux fruits (pièce) // Energiereep met fruit (stuk) // Fruit energy bar (each) | 2,90 | g
Boisson d'effort en poudre (500 g) // Sportdrankpoeder (500 g) // Sports drink powder (500 g) | 19,90 | g
""", fresh="normal", gtin=0.0, qty=(1, 15))

shop("sellerie-du-hainaut", "sport-loisirs", """
Selle mixte en cuir 17 pouces | - | Ajustée à votre cheval par notre sellier ; prix selon les options. | q
Selle de dressage en cuir | - | Prix selon les options ; essai sur votre cheval. | q
Selle d'occasion révisée | - | Arrivages réguliers, prix selon le modèle. | w
Tapis de selle matelassé | 39,00
Bridon en cuir avec rênes | 119,00
Filet de licol en nylon | 25,00
Bombe d'équitation homologuée | 149,00 | Norme VG1, taille réglable par molette.
Bombe d'équitation enfant | 69,00
Bottes d'équitation en cuir | 289,00 | Cuir pleine fleur, fermeture éclair arrière. Mollet sur mesure possible.
Boots et mini-chaps | 129,00
Pantalon d'équitation fond de peau | 89,00
Gants d'équitation | 29,00
Gilet de protection dorsale | 199,00 | Niveau 3, obligatoire en cross.
Couverture d'écurie 200 g | 119,00
Couverture d'extérieur imperméable 300 g | 159,00 | Respirante, sanglage croisé sous le ventre.
Chemise séchante polaire | 59,00
Tapis de pansage (brosses, cure-pied, étrille) | 34,90
Réparation de selle | - | Devis gratuit à l'atelier. | w
# animaux
Aliment floconné pour chevaux (sac de 20 kg) | 24,90 | Pour chevaux de loisir. | g
Granulés pour chevaux de sport (sac de 20 kg) | 27,50 | g
Pierre à sel (2 kg) | 6,50 | g
Friandises pour chevaux à la carotte (1 kg) | 9,90 | g
Foin de prairie (botte de 20 kg) | 9,00 | Livraison possible dans les écuries des environs.
Copeaux de litière (balle de 20 kg) | 13,50
Graisse à sabots (1 l) | 19,90 | g
""", sku="SH", fresh="slow", gtin=0.0, qty=(1, 20))

shop("au-martin-pecheur", "sport-loisirs", """
Canne au coup télescopique 6 m | 69,00 | Carbone, légère, idéale pour les étangs de la région.
Canne carnassier 2,40 m | 89,00 | Puissance 10-30 g, pour le brochet et le sandre.
Canne à mouche 9 pieds soie 5 | 189,00
Moulinet à frein avant 3000 | 49,00 | Bobine de rechange incluse.
Moulinet à mouche | 79,00
Fil nylon 0,18 mm (150 m) | 7,90 | g
Tresse 0,12 mm (135 m) | 19,90 | g
Hameçons montés pour le coup (10 pièces) | 3,90 | g
Flotteurs assortis (10 pièces) | 8,90 | g
Leurres souples pour le brochet (6 pièces) | 9,90 | Shads de 10 cm, couleurs assorties. | g
Cuiller tournante n° 3 | 4,90
Assortiment de mouches sèches (12 pièces) | 14,90
Épuisette télescopique | 34,90
Bourriche 3 m | 39,90
Siège-station avec repose-pieds | 89,00
Waders respirants | 199,00 | Chaussons néoprène, du 39 au 46.
Bottes de pêche | 45,00
Boîte à leurres compartimentée | 12,90
# animaux
Asticots (boîte de 250 ml) | 3,50 | Appâts vivants, arrivage chaque matin. | q
Vers de terreau (boîte) | 4,50 | Appâts vivants. | q
Amorce gardons et brèmes (1 kg) | 5,90 | À mouiller au bord de l'eau. | g
Maïs doux pour la pêche (boîte) | 2,50 | g
# autres
Permis de pêche wallon (1 an) | - | Délivré sur place, tarif fixé par la Région wallonne. | x
""", sku="MP", fresh="normal", gtin=0.0, qty=(1, 15))

shop("tennis-et-padel-corner", "sport-loisirs", """
Raquette de tennis 300 g // Tennisracket 300 g // Tennis racket, 300 g | 229,00 | Raquette de test à emprunter avant l'achat.
Raquette de tennis 285 g // Tennisracket 285 g // Tennis racket, 285 g | 199,00 | Tamis 100 pouces carrés, pour joueurs de club.
Raquette de tennis junior 25 pouces // Junior tennisracket 25 inch // Junior tennis racket, 25-inch | 59,00
Raquette de padel ronde, contrôle // Rond padelracket, controle // Round padel racket, control | 149,00 | Mousse EVA souple, pour débuter et progresser.
Raquette de padel diamant, puissance // Diamantvormig padelracket, kracht // Diamond padel racket, power | 239,00 | Carbone 12K, pour joueurs confirmés. Raquette de test disponible.
Raquette de padel débutant // Padelracket voor beginners // Beginner padel racket | 69,00
Balles de tennis (tube de 4) // Tennisballen (koker van 4) // Tennis balls (tube of 4) | 8,90 | g
Balles de padel (tube de 3) // Padelballen (koker van 3) // Padel balls (tube of 3) | 7,50 | g
Surgrips (3 pièces) // Overgrips (3 stuks) // Overgrips (3) | 9,90 | g
Antivibrateur // Trillingsdemper // Vibration dampener | 4,90
Cordage en monofilament posé // Besnaring monofilament, geplaatst // Monofilament restring, fitted | 32,00 | Cordage effectué à l'atelier. | x
Cordage en multifilament posé // Besnaring multifilament, geplaatst // Multifilament restring, fitted | 38,00 | x
Sac thermo 6 raquettes // Thermotas voor 6 rackets // Thermo bag, 6 rackets | 79,00 | Compartiment isotherme pour protéger le cordage.
Sac de padel // Padeltas // Padel bag | 59,00
Polo de tennis homme // Tennispolo heren // Men's tennis polo | 45,00
Robe de tennis // Tennisjurk // Tennis dress | 65,00
Short de tennis // Tennisshort // Tennis shorts | 39,00
Casquette // Pet // Cap | 25,00
Poignets éponge (2 pièces) // Zweetbandjes (2 stuks) // Wristbands (2) | 9,90
# chaussures
Chaussures de tennis toutes surfaces // Tennisschoenen alle ondergronden // All-court tennis shoes | 119,00
Chaussures de tennis terre battue // Tennisschoenen gravel // Clay-court tennis shoes | 129,00 | Semelle à chevrons pour la brique pilée.
Chaussures de padel // Padelschoenen // Padel shoes | 109,00 | Semelle en épi pour les terrains en gazon synthétique.
Chaussures de tennis indoor // Indoor tennisschoenen // Indoor tennis shoes | 99,00
""", sku="TPC", fresh="normal", gtin=0.0, qty=(1, 12))

# ---- Bijouteries -------------------------------------------------------------------------------

shop("bijouterie-lambert", "bijoux-montres", """
Alliance en or jaune 18 carats (3 mm) // Trouwring in 18 karaat geelgoud (3 mm) // 18-carat yellow gold wedding band (3 mm) | 590,00 | Gravure offerte.
Alliance en or blanc 18 carats (4 mm) // Trouwring in 18 karaat witgoud (4 mm) // 18-carat white gold wedding band (4 mm) | 790,00 | Gravure offerte.
Alliances sur mesure (la paire) // Trouwringen op maat (per paar) // Bespoke wedding bands (pair) | - | Dessinées et fabriquées dans notre atelier. | w
Bague de fiançailles solitaire diamant 0,30 ct // Verlovingsring solitair diamant 0,30 ct // Solitaire diamond engagement ring, 0.30 ct | 1890,00 | Or blanc 18 carats, diamant certifié. | q
Bague de fiançailles sur mesure // Verlovingsring op maat // Bespoke engagement ring | - | Rendez-vous de création à l'atelier. | w
Bague en or jaune et saphir // Ring in geelgoud met saffier // Yellow gold and sapphire ring | - | Saphir de Ceylan taille ovale, entourage de diamants. | q
Collier de perles de culture d'eau de mer (45 cm) // Parelsnoer zeewaterparels (45 cm) // Saltwater cultured pearl necklace (45 cm) | - | Perles Akoya de 7 mm, fermoir en or blanc 18 carats. | q
Boucles d'oreilles perles de culture // Oorbellen met gekweekte parels // Cultured pearl earrings | 190,00 | Perles d'eau douce de 7 mm sur or jaune 18 carats.
Pendentif cœur en or 18 carats // Hanger hart in 18 karaat goud // 18-carat gold heart pendant | 320,00 | Livré sur une chaîne de 42 cm, gravure offerte.
Chaîne en or jaune 18 carats (42 cm) // Ketting in 18 karaat geelgoud (42 cm) // 18-carat yellow gold chain (42 cm) | 450,00 | Maille forçat, 2,5 g environ.
Bracelet jonc en or 18 carats // Bangle in 18 karaat goud // 18-carat gold bangle | - |  | q
Puces d'oreilles diamants 2 × 0,10 ct // Oorknopjes diamant 2 × 0,10 ct // Diamond stud earrings, 2 × 0.10 ct | - | Or blanc 18 carats, diamants certifiés.
Montre suisse automatique acier 40 mm // Zwitsers automatisch horloge staal 40 mm // Swiss automatic steel watch, 40 mm | - | Mouvement automatique suisse, réserve de marche de 38 heures, étanche à 100 m. | q
Montre suisse quartz dame // Zwitsers kwartshorloge dames // Women's Swiss quartz watch | 650,00 | q
Montre chronographe acier // Stalen chronograaf // Steel chronograph watch | - | Chronographe automatique, verre saphir, bracelet acier. | q
Médaille de baptême en or // Gouden doopmedaille // Gold christening medal | 180,00 | Gravure offerte.
""", fresh="normal", qty=(1, 3))

shop("l-ecrin-de-soignies", "bijoux-montres", """
Bracelet jonc en argent à graver // Zilveren bangle om te graveren // Engravable silver bangle | 49,00 | Gravure d'un prénom en quelques minutes.
Bracelet cordon avec médaille à personnaliser // Koordarmband met medaillon om te personaliseren // Cord bracelet with personalised charm | 29,00
Collier prénom en argent // Zilveren naamketting // Silver name necklace | 59,00 | Gravure en quelques minutes.
Collier prénom en plaqué or // Vergulde naamketting // Gold-plated name necklace | 65,00
Pendentif initiale en plaqué or // Vergulde initiaalhanger // Gold-plated initial pendant | 39,00
Créoles en argent (20 mm) // Zilveren creolen (20 mm) // Silver hoop earrings (20 mm) | 35,00 | Argent 925, fermoir à charnière.
Puces d'oreilles en acier // Stalen oorknopjes // Steel stud earrings | 15,00
Boucles d'oreilles pendantes en plaqué or // Vergulde hangoorbellen // Gold-plated drop earrings | 45,00
Bague fine en argent // Dunne zilveren ring // Thin silver ring | 25,00 | Argent 925, toutes les tailles en boutique.
Bague réglable en plaqué or // Verstelbare vergulde ring // Adjustable gold-plated ring | 35,00
Chaîne de cheville en acier // Stalen enkelbandje // Steel anklet | 19,00
Bracelet en acier et perles // Armband in staal met parels // Steel and bead bracelet | 29,00
Montre acier bracelet milanais // Stalen horloge met milanese band // Steel watch with Milanese strap | 79,00 | Quartz japonais, cadran 36 mm.
Montre enfant // Kinderhorloge // Children's watch | 29,00
Coffret à bijoux en velours // Fluwelen juwelenkistje // Velvet jewellery box | 24,00 | Trois tiroirs et un miroir, rose poudré ou vert sauge.
""", fresh="fresh", qty=(2, 20))

shop("atelier-gobert", "bijoux-montres", """
Transformation de bijoux de famille | - | Vos bijoux refondus en une pièce contemporaine ; devis après rendez-vous. | w
Bague en or recyclé martelé | - | Façonnée à la main à l'atelier ; prix selon le poids d'or. | u
Bague chevalière en or recyclé | 890,00 | Sur mesure, gravure d'armoiries possible. | w
Pendentif galet en or recyclé | - | Pièce unique, prix selon le poids d'or. | u
Pendentif pierre bleue serti d'or | 290,00 | Un éclat de pierre de Soignies poli et serti à la main. | u
Boucles d'oreilles en argent recyclé | 160,00 | u
Alliance martelée en or recyclé | 720,00 | Sur mesure. | w
Bracelet rigide en argent recyclé | 240,00 | u
""", profile="default", fresh="normal")

shop("horlogerie-deschamps", "bijoux-montres", """
Changement de pile de montre | 12,00 | Pendant l'attente. | x
Bracelet de montre en cuir | 29,00 | Posé pendant l'attente, largeurs de 12 à 24 mm.
Bracelet de montre en acier | 45,00
Bracelet de montre en silicone | 19,00
Révision de montre mécanique | - | Devis gratuit, garantie d'un an. | w
Montre mécanique d'occasion révisée | 450,00 | Garantie un an. | u
Montre de poche ancienne révisée | 320,00 | u
Réveil mécanique | 49,00 | À remontage manuel, sonnerie à cloche.
Horloge murale à quartz | 59,00
Pendule de cheminée restaurée (XIXe siècle) | - | Pendule en bronze doré, mouvement révisé à l'atelier. | u
Horloge comtoise restaurée | - | Caisse en chêne, mouvement d'origine révisé, sonnerie des heures. | u
Remontoir pour montre automatique | 149,00
Boîte à montres (6 places) | 69,00
""", fresh="stale", qty=(1, 6))

shop("perles-et-pierres", "loisirs-creatifs-musique", """
Perles de rocaille (tube de 20 g) | 2,50 | Taille 11/0, trente couleurs.
Perles en verre de Bohême (sachet de 50) | 4,90
Perles en bois naturel (sachet de 100) | 3,90
Perles heishi en argile (rang) | 4,50
Perles d'améthyste 6 mm (rang de 40 cm) | 12,90 | Pierre naturelle, perçage de 1 mm.
Perles d'œil de tigre 8 mm (rang de 40 cm) | 11,90
Perles de quartz rose 6 mm (rang de 40 cm) | 10,90
Fermoirs mousquetons argentés (10 pièces) | 3,50
Fil élastique transparent (10 m) | 2,90
Fil câblé nylon (10 m) | 3,90
Apprêts pour boucles d'oreilles (10 paires) | 4,90
Pince à bijoux (pince plate) | 9,90 | Mors lisses pour ne pas marquer le métal.
Kit bracelet enfant | 14,90 | Tout pour réaliser cinq bracelets.
Atelier d'initiation enfant (mercredi) | 15,00 | Matériel compris, de 7 à 12 ans. | q
Atelier adulte (samedi matin) | 35,00 | Matériel compris, vous repartez avec votre création. | q
# bijoux-montres
Bracelet en pierres naturelles | 19,90 | Monté sur élastique, pierres au choix.
Collier en quartz rose | 29,90
Boucles d'oreilles fantaisie | 12,90
Pendentif améthyste brute | 24,90
Bague fantaisie réglable | 9,90
# maison-decoration
Géode d'améthyste (petite) | 19,90 | Brésil, environ 8 cm.
Pierre roulée (pièce) | 2,50 | Grand choix en vrac.
""", sku="PP", fresh="normal", gtin=0.0, qty=(1, 30))

shop("comptoir-de-l-or", "seconde-main", """
Bague en or jaune 18 carats d'occasion, remise à neuf | 290,00 | Taille 54, mise à taille possible. | u
Alliance en or jaune d'occasion | 180,00 | u
Chaîne en or 18 carats d'occasion (50 cm) | - | Prix selon le cours de l'or du jour. | u
Gourmette en or d'occasion | - | Prix selon le cours de l'or du jour. | u
Bracelet en argent massif d'occasion | 85,00 | u
Broche ancienne en or et perles | - | Époque Art nouveau, pièce unique. | u
Montre de dame en or d'occasion | 480,00 | u
Boucles d'oreilles dormeuses en or | 150,00 | u
Pièce de 20 francs or (Napoléon) | - | Prix selon le cours du jour. | u
# bijoux-montres
Mise à taille d'une bague | 35,00 | x
""", profile="counted", fresh="normal")

# ---- Épiceries fines ---------------------------------------------------------------------------

shop("saveurs-du-hainaut", "epicerie", """
# fromages-cremerie
Fromage de Chimay à la bière (200 g) // Chimay-kaas met bier (200 g) // Chimay beer-washed cheese (200 g) | 6,90 | Croûte lavée à la bière trappiste.
Tomme de ferme de Thieusies (au kilo) // Boerentomme uit Thieusies (per kilo) // Thieusies farm tomme (per kg) | 24,90 | Coupée à la demande.
Fromage frais aux herbes de la ferme (150 g) // Verse kruidenkaas van de boerderij (150 g) // Farm fresh cheese with herbs (150 g) | 4,20
Bûchette de chèvre de Lessines // Geitenkaasrolletje uit Lessen // Lessines goat's cheese log | 5,50
# viande-charcuterie
Saucisson sec de la ferme (pièce, env. 250 g) // Droge worst van de boerderij (stuk, ca. 250 g) // Farm dry sausage (piece, approx. 250 g) | 8,50 | Porc plein air de la région d'Ath.
Pâté à la bière de Silly (180 g) // Paté met Silly-bier (180 g) // Silly beer pâté (180 g) | 6,20 | g
Escavèche de Chimay (bocal de 400 g) // Escavèche uit Chimay (bokaal 400 g) // Chimay escabeche, fish in aspic (400 g jar) | 12,50 | g
Terrine de sanglier (180 g) // Everzwijnterrine (180 g) // Wild boar terrine (180 g) | 7,20 | g
# epicerie
Confiture de fraises du Hainaut (370 g) // Aardbeienconfituur uit Henegouwen (370 g) // Hainaut strawberry jam (370 g) | 5,90 | 65 % de fruits, cuite au chaudron. | g
Confiture de rhubarbe (370 g) // Rabarberconfituur (370 g) // Rhubarb jam (370 g) | 5,90 | g
Gelée de coings (250 g) // Kweeperengelei (250 g) // Quince jelly (250 g) | 5,50 | g
Sirop de pommes et poires (450 g) // Appel-perenstroop (450 g) // Apple and pear syrup (450 g) | 4,90 | g
Miel de printemps de Casteau (500 g) // Lentehoning uit Casteau (500 g) // Casteau spring honey (500 g) | 11,50 | Miel crémeux d'un apiculteur de l'entité. | g
Miel de forêt (250 g) // Woudhoning (250 g) // Forest honey (250 g) | 7,90 | g
Moutarde à l'ancienne à la bière (200 g) // Grove mosterd met bier (200 g) // Wholegrain beer mustard (200 g) | 4,50 | g
Vinaigre de cidre artisanal (50 cl) // Ambachtelijke appelciderazijn (50 cl) // Artisan cider vinegar (50 cl) | 6,50 | g
Huile de colza pressée à froid (50 cl) // Koudgeperste koolzaadolie (50 cl) // Cold-pressed rapeseed oil (50 cl) | 7,90 | g
Pâtes d'épeautre du Hainaut (500 g) // Speltpasta uit Henegouwen (500 g) // Hainaut spelt pasta (500 g) | 4,20 | g
Chicons confits en bocal (350 g) // Gekonfijt witloof in bokaal (350 g) // Candied chicory (350 g jar) | 6,90 | g
# bieres
Saison de Silly (33 cl) // Saison van Silly (33 cl) // Silly saison (33 cl) | 2,40 | Bière de saison brassée à quelques kilomètres. | g
Bière blonde artisanale de Soignies (33 cl) // Ambachtelijk blond bier uit Zinnik (33 cl) // Soignies artisan blonde ale (33 cl) | 2,90 | Refermentée en bouteille, 6,5 %. | g
Bière ambrée au miel (33 cl) // Amberbier met honing (33 cl) // Honey amber ale (33 cl) | 3,10 | g
Triple de l'abbaye (75 cl) // Abdijtripel (75 cl) // Abbey tripel (75 cl) | 7,50 | g
Coffret découverte 6 bières du Hainaut // Ontdekkingspakket 6 Henegouwse bieren // Discovery box, 6 Hainaut beers | 19,90 | Six brasseries artisanales, un verre offert.
# boissons
Jus de pommes de verger (1 l) // Hoogstam-appelsap (1 l) // Orchard apple juice (1 l) | 3,90 | Pressé à la ferme, sans sucre ajouté. | g
Cidre brut du pays des Collines (75 cl) // Brut cider uit het Pays des Collines (75 cl) // Dry cider from the Pays des Collines (75 cl) | 6,90 | Pommes de hautes tiges, 5 %. | g
# cadeaux-souvenirs
Panier garni Terroir (petit) // Streekproductenmand (klein) // Local produce hamper (small) | 35,00 | Composé sur mesure. | w
Panier garni Terroir (grand) // Streekproductenmand (groot) // Local produce hamper (large) | 65,00 | Composé sur mesure. | w
Panier garni entreprise // Streekproductenmand voor bedrijven // Corporate hamper | - | Sur devis, à partir de 10 paniers. | w
""", gtin=0.0, fresh="normal", qty=(2, 24))

shop("fromagerie-le-petit-affineur", "fromages-cremerie", """
Herve AOP au lait cru (200 g) // Herve BOB rauwe melk (200 g) // Herve PDO, raw milk (200 g) | 5,90 | Affiné six semaines dans notre cave.
Herve doux (200 g) // Zachte Herve (200 g) // Mild Herve (200 g) | 5,20
Chimay Grand Classique (au kilo) // Chimay Grand Classique (per kilo) // Chimay Grand Classique (per kg) | 24,90 | Pâte mi-dure des moines de Scourmont.
Fromage d'abbaye à la trappiste (au kilo) // Abdijkaas met trappist (per kilo) // Trappist-washed abbey cheese (per kg) | 26,90
Maredsous affiné (au kilo) // Gerijpte Maredsous (per kilo) // Aged Maredsous (per kg) | 25,90 | Affiné douze semaines dans notre cave voûtée.
Passendale (au kilo) // Passendale (per kilo) // Passendale (per kg) | 19,90 | Pâte douce à croûte fleurie, de Flandre occidentale.
Vieux Bruges (au kilo) // Oud Brugge (per kilo) // Aged Bruges cheese (per kg) | 22,90
Gouda fermier 24 mois (au kilo) // Boerengouda 24 maanden (per kilo) // 24-month farmhouse Gouda (per kg) | 32,90 | Cristaux de sel et notes de caramel.
Boulette de Romedenne (pièce) // Boulette de Romedenne (stuk) // Boulette de Romedenne (each) | 6,50
Chèvre frais de la ferme (pièce) // Verse boerengeitenkaas (stuk) // Fresh farm goat's cheese (each) | 3,90
Brie de Meaux AOP (au kilo) // Brie de Meaux BOB (per kilo) // Brie de Meaux PDO (per kg) | 34,90
Camembert de Normandie au lait cru (250 g) // Camembert de Normandie rauwe melk (250 g) // Raw-milk Camembert de Normandie (250 g) | 7,90
Comté 18 mois (au kilo) // Comté 18 maanden (per kilo) // 18-month Comté (per kg) | 36,90 | Fruité et noisette.
Comté 30 mois (au kilo) // Comté 30 maanden (per kilo) // 30-month Comté (per kg) | 44,90
Roquefort AOP (au kilo) // Roquefort BOB (per kilo) // Roquefort PDO (per kg) | 39,90 | Lait cru de brebis.
Reblochon fermier (pièce) // Boerenreblochon (stuk) // Farmhouse Reblochon (each) | 14,90 | Pour la tartiflette, environ 450 g.
Mont d'Or (pièce, env. 500 g) // Mont d'Or (stuk, ca. 500 g) // Mont d'Or (approx. 500 g) | - | De septembre à avril ; prix selon le poids.
Parmigiano Reggiano 24 mois (au kilo) // Parmigiano Reggiano 24 maanden (per kilo) // 24-month Parmigiano Reggiano (per kg) | 38,90
Stilton (au kilo) // Stilton (per kilo) // Stilton (per kg) | 36,90
Plateau raclette (par personne, 200 g) // Raclettekaas (per persoon, 200 g) // Raclette platter (per person, 200 g) | 7,90 | Trois fromages, tranchés sur commande. | w
Mélange fondue savoyarde (par personne, 250 g) // Kaasfondue-mengeling (per persoon, 250 g) // Cheese fondue mix (per person, 250 g) | 8,90 | Comté, beaufort et emmental râpés minute. | w
Plateau de fromages pour buffet (par personne) // Kaasplank voor buffet (per persoon) // Cheese board for buffets (per person) | 12,50 | Sur commande, 48 heures à l'avance. | w
Beurre de ferme au sel de Guérande (250 g) // Boerenboter met zout uit Guérande (250 g) // Farm butter with Guérande salt (250 g) | 5,90 | Baratté à l'ancienne.
Crème fraîche épaisse (25 cl) // Dikke room (25 cl) // Thick crème fraîche (25 cl) | 3,20
Confiture de cerises noires pour fromage (200 g) // Zwarte-kersenconfituur voor kaas (200 g) // Black cherry jam for cheese (200 g) | 5,50 | g
Pain aux noix pour fromage (300 g) // Notenbrood voor kaas (300 g) // Walnut bread for cheese (300 g) | 4,90
# vins-spiritueux
Vin jaune du Jura (62 cl) // Vin jaune uit de Jura (62 cl) // Jura vin jaune (62 cl) | 39,00 | L'accord du comté.
Porto tawny 10 ans (75 cl) // Tawny port 10 jaar (75 cl) // 10-year tawny port (75 cl) | 29,00 | L'accord du stilton.
Vin blanc de Savoie (75 cl) // Witte wijn uit Savoie (75 cl) // Savoie white wine (75 cl) | 14,90 | Pour la fondue.
""", gtin=0.0, fresh="fresh", qty=(1, 12))

shop("chocolaterie-les-paves-bleus", "chocolat-confiserie", """
Pavés bleus (boîte de 9) // Pavés bleus (doosje van 9) // Pavés bleus, blue cobbles (box of 9) | 14,50 | Praliné noisette enrobé de chocolat noir et poudré de cacao gris, en hommage à la pierre de Soignies.
Pavés bleus (boîte de 16) // Pavés bleus (doos van 16) // Pavés bleus, blue cobbles (box of 16) | 24,50
Ballotin de pralines assorties (250 g) // Pralineballotin assortiment (250 g) // Assorted pralines ballotin (250 g) | 17,50 | Composé à la demande.
Ballotin de pralines assorties (500 g) // Pralineballotin assortiment (500 g) // Assorted pralines ballotin (500 g) | 34,00 | Composé à la demande.
Ballotin de pralines assorties (750 g) // Pralineballotin assortiment (750 g) // Assorted pralines ballotin (750 g) | 50,00 | Composé à la demande.
Ballotin de pralines au lait (250 g) // Pralineballotin melkchocolade (250 g) // Milk chocolate pralines ballotin (250 g) | 17,50 | Une quinzaine de pralines au chocolat au lait.
Ballotin de truffes au cacao (250 g) // Ballotin cacaotruffels (250 g) // Cocoa truffles ballotin (250 g) | 16,50 | Ganache au beurre frais, roulée dans le cacao.
Mendiants chocolat noir (sachet de 150 g) // Mendiants pure chocolade (zakje 150 g) // Dark chocolate mendiants (150 g bag) | 9,50 | Noisettes, amandes, pistaches et raisins.
Orangettes (sachet de 150 g) // Orangettes (zakje 150 g) // Chocolate-dipped orange peel (150 g bag) | 10,50 | Écorces d'orange confites enrobées de chocolat noir.
Tablette chocolat noir 72 % (100 g) // Reep pure chocolade 72 % (100 g) // 72% dark chocolate bar (100 g) | 5,90 | Cacao d'Équateur. | g
Tablette chocolat au lait noisettes (100 g) // Reep melkchocolade met hazelnoten (100 g) // Milk chocolate and hazelnut bar (100 g) | 5,90 | g
Tablette chocolat blanc framboise (100 g) // Reep witte chocolade met framboos (100 g) // White chocolate and raspberry bar (100 g) | 5,90 | g
Pâte à tartiner noisette maison (250 g) // Huisgemaakte hazelnootpasta (250 g) // Homemade hazelnut spread (250 g) | 8,90 | g
Chocolat chaud à l'ancienne (250 g) // Warme chocolade op grootmoeders wijze (250 g) // Traditional hot chocolate flakes (250 g) | 9,90 | g
Figurine Saint-Nicolas en chocolat au lait (15 cm) // Sinterklaasfiguur in melkchocolade (15 cm) // Milk chocolate Saint Nicholas figure (15 cm) | 8,50 | Jusqu'au 6 décembre. | q
Figurine Saint-Nicolas en chocolat au lait (30 cm) // Sinterklaasfiguur in melkchocolade (30 cm) // Milk chocolate Saint Nicholas figure (30 cm) | 19,50 | Jusqu'au 6 décembre. | q
Massepain de Saint-Nicolas (150 g) // Sinterklaasmarsepein (150 g) // Saint Nicholas marzipan (150 g) | 7,50 | Jusqu'au 6 décembre.
Sujets de Noël en chocolat (assortiment) // Kerstfiguren in chocolade (assortiment) // Christmas chocolate figures (assortment) | 6,90 | Pères Noël, sapins et étoiles, à partir de décembre.
Œufs de Pâques pralinés (sachet de 250 g) // Paaseitjes praliné (zakje 250 g) // Praline Easter eggs (250 g bag) | 12,90 | Au printemps. | o
Guimauves enrobées de chocolat (6 pièces) // Marshmallows met chocolade (6 stuks) // Chocolate-coated marshmallows (6) | 7,90
Calendrier de l'Avent en chocolat // Adventskalender met chocolade // Chocolate Advent calendar | 24,90 | 24 pralines, une par jour jusqu'à Noël. | q
Atelier dégustation pour groupes (par personne) // Proeverij voor groepen (per persoon) // Group tasting workshop (per person) | 25,00 | Sur réservation, à partir de 8 personnes. | w
""", gtin=0.0, fresh="fresh", qty=(1, 25))

shop("bottega-rossi", "epicerie", """
# viande-charcuterie
Jambon de Parme 24 mois (100 g) | 5,90 | Tranché minute.
Mortadelle à la pistache (100 g) | 3,20 | Mortadella di Bologna IGP, tranchée minute.
Coppa (100 g) | 4,90
Guanciale (au kilo) | 28,90 | Joue de porc séchée, pour la vraie carbonara.
'Nduja de Calabre (pot de 180 g) | 7,50 | g
# fromages-cremerie
Mozzarella di bufala (125 g) | 3,90 | Livrée le mardi et le vendredi.
Burrata des Pouilles (125 g) | 5,50 | Livrée le mardi et le vendredi.
Parmigiano Reggiano 24 mois (au kilo) | 34,90 | Coupé à la meule.
Pecorino romano (au kilo) | 29,90
Gorgonzola dolce (au kilo) | 22,90
Ricotta fraîche (250 g) | 3,90
# epicerie
Spaghetti artisanaux des Abruzzes (500 g) | 3,90 | Tréfilés au bronze, séchés lentement. | g
Paccheri artisanaux des Abruzzes (500 g) | 4,20 | g
Rigatoni artisanaux des Abruzzes (500 g) | 3,90 | g
Tagliatelle aux œufs (250 g) | 3,80 | g
Riz carnaroli (1 kg) | 6,90 | Le riz du risotto. | g
Tomates pelées San Marzano (400 g) | 3,50 | g
Passata de tomates (700 g) | 2,90 | g
Huile d'olive extra vierge de Sicile (50 cl) | 14,90 | g
Vinaigre balsamique de Modène IGP (25 cl) | 8,90 | g
Pesto alla genovese (180 g) | 5,90 | g
Taralli au fenouil (250 g) | 3,50 | g
Café espresso en grains (1 kg) | 22,90 | g
# pain-patisserie
Lasagnes de la signora Rossi (portion de 400 g) | 9,90 | Le vendredi et le samedi, à emporter. | w
Arancini (pièce) | 3,50 | Le vendredi et le samedi. | w
Panettone artisanal (1 kg) | 29,90 | Pour les fêtes.
Amaretti moelleux (200 g) | 6,50 | g
# vins-spiritueux
Primitivo di Manduria (75 cl) | 16,90 | Rouge des Pouilles. | g
Salice Salentino (75 cl) | 12,50 | Rouge des Pouilles. | g
Nero d'Avola (75 cl) | 11,90 | Rouge de Sicile. | g
Grillo (75 cl) | 11,50 | Blanc de Sicile. | g
Prosecco DOC (75 cl) | 13,90 | Extra dry, pour l'apéritif. | g
""", sku="BR", fresh="normal", gtin=0.0, qty=(1, 18))

shop("cave-et-terroirs", "vins-spiritueux", """
# bieres
Saison Dupont (75 cl) // Saison Dupont (75 cl) // Saison Dupont (75 cl) | 5,90 | g
Chimay Bleue (33 cl) // Chimay Blauw (33 cl) // Chimay Blue (33 cl) | 2,70 | Trappiste brune, 9 %. | g
Chimay Bleue Grande Réserve (75 cl) // Chimay Blauw Grande Réserve (75 cl) // Chimay Blue Grande Réserve (75 cl) | 7,90 | g
Orval (33 cl) // Orval (33 cl) // Orval (33 cl) | 2,90 | Trappiste ambrée houblonnée à cru, 6,2 %. | g
Silly Saison (33 cl) // Silly Saison (33 cl) // Silly Saison (33 cl) | 2,30 | g
Bière de Noël d'une brasserie du Hainaut (33 cl) // Kerstbier van een Henegouwse brouwerij (33 cl) // Hainaut brewery Christmas ale (33 cl) | 2,80 | En saison. | g
Gueuze (37,5 cl) // Geuze (37,5 cl) // Gueuze (37.5 cl) | 4,90 | Assemblage de lambics de un, deux et trois ans. | g
Kriek traditionnelle (37,5 cl) // Oude kriek (37,5 cl) // Traditional kriek (37.5 cl) | 5,50 | g
Coffret 12 bières belges // Geschenkdoos 12 Belgische bieren // Gift box, 12 Belgian beers | 34,90 | Un verre à dégustation offert.
# vins-spiritueux
Ruffus Brut Sauvage (75 cl) // Ruffus Brut Sauvage (75 cl) // Ruffus Brut Sauvage (75 cl) | 27,50 | Effervescent du Hainaut, élaboré à Estinnes. | g
Vin blanc de Wallonie, chardonnay (75 cl) // Witte wijn uit Wallonië, chardonnay (75 cl) // Walloon white wine, Chardonnay (75 cl) | 19,90 | Domaine du sud du Hainaut, élevé en fût. | g
Vin rouge de Wallonie, pinot noir (75 cl) // Rode wijn uit Wallonië, pinot noir (75 cl) // Walloon red wine, Pinot Noir (75 cl) | 23,50 | Fruit rouge, tanins souples ; à servir à 15 °C. | g
Crémant de Wallonie rosé (75 cl) // Crémant de Wallonie rosé (75 cl) // Crémant de Wallonie rosé (75 cl) | 21,90 | g
Vin de la Hesbaye, solaris (75 cl) // Hesbaanse wijn, solaris (75 cl) // Hesbaye wine, Solaris (75 cl) | 17,50 | g
Champagne de vigneron brut (75 cl) // Boerenchampagne brut (75 cl) // Grower Champagne, brut (75 cl) | 36,00 | Récoltant-manipulant de la Montagne de Reims. | g
Champagne de vigneron blanc de blancs (75 cl) // Boerenchampagne blanc de blancs (75 cl) // Grower Champagne, blanc de blancs (75 cl) | 44,00 | g
Champagne rosé de saignée (75 cl) // Champagne rosé de saignée (75 cl) // Rosé de saignée Champagne (75 cl) | 49,00 | g
Bourgogne pinot noir (75 cl) // Bourgogne pinot noir (75 cl) // Burgundy Pinot Noir (75 cl) | 24,90 | g
Chablis premier cru (75 cl) // Chablis premier cru (75 cl) // Chablis Premier Cru (75 cl) | 34,90 | g
Saint-Émilion grand cru (75 cl) // Saint-Émilion grand cru (75 cl) // Saint-Émilion Grand Cru (75 cl) | 32,00 | g
Côtes-du-Rhône villages (75 cl) // Côtes-du-Rhône villages (75 cl) // Côtes-du-Rhône Villages (75 cl) | 12,90 | Grenache et syrah, le vin des carbonnades. | g
Châteauneuf-du-Pape (75 cl) // Châteauneuf-du-Pape (75 cl) // Châteauneuf-du-Pape (75 cl) | 39,00 | g
Sancerre blanc (75 cl) // Witte Sancerre (75 cl) // Sancerre white (75 cl) | 24,50 | g
Muscadet sur lie (75 cl) // Muscadet sur lie (75 cl) // Muscadet sur lie (75 cl) | 10,90 | Pour les moules et les huîtres. | g
Riesling d'Alsace (75 cl) // Elzasser riesling (75 cl) // Alsace Riesling (75 cl) | 15,90 | g
Rioja reserva (75 cl) // Rioja reserva (75 cl) // Rioja Reserva (75 cl) | 18,90 | g
Douro rouge (75 cl) // Rode Douro (75 cl) // Douro red (75 cl) | 14,50 | g
Vin orange de Slovénie (75 cl) // Oranjewijn uit Slovenië (75 cl) // Slovenian orange wine (75 cl) | 22,00 | g
Sauternes (37,5 cl) // Sauternes (37,5 cl) // Sauternes (37.5 cl) | 29,00 | g
Whisky single malt belge (70 cl) // Belgische single malt whisky (70 cl) // Belgian single malt whisky (70 cl) | 59,00 | Distillé en Wallonie, vieilli en fûts de bourbon. | g
Whisky belge tourbé (50 cl) // Belgische turfwhisky (50 cl) // Belgian peated whisky (50 cl) | 54,00 | g
Gin belge aux agrumes (50 cl) // Belgische citrusgin (50 cl) // Belgian citrus gin (50 cl) | 39,00 | g
Gin du Hainaut aux baies de sureau (70 cl) // Henegouwse gin met vlierbessen (70 cl) // Hainaut elderberry gin (70 cl) | 42,00 | Distillerie artisanale de l'entité d'Ath. | g
Genièvre de Hasselt (50 cl) // Hasseltse jenever (50 cl) // Hasselt jenever (50 cl) | 21,50 | g
Pékèt à la pomme (70 cl) // Peket met appel (70 cl) // Apple pekèt (70 cl) | 17,90 | g
Calvados Pays d'Auge 8 ans (70 cl) // Calvados Pays d'Auge 8 jaar (70 cl) // 8-year Calvados Pays d'Auge (70 cl) | 49,00 | g
Cognac VSOP (70 cl) // Cognac VSOP (70 cl) // VSOP Cognac (70 cl) | 58,00 | g
Tonic artisanal belge (20 cl) // Belgische ambachtelijke tonic (20 cl) // Belgian craft tonic (20 cl) | 1,90 | Le compagnon de nos gins belges. | g
# cadeaux-souvenirs
Coffret cadeau deux bouteilles // Geschenkverpakking twee flessen // Two-bottle gift box | 6,50
Soirée dégustation (par personne) // Proefavond (per persoon) // Tasting evening (per person) | 25,00 | Le premier vendredi du mois, sur inscription. | q
""", sku="CT", fresh="normal", gtin=0.0, qty=(1, 36))

shop("ferme-du-gros-chene", "fromages-cremerie", """
Lait cru entier (1 l) | 1,40 | Aussi au distributeur, jour et nuit.
Beurre baratté doux (250 g) | 3,90 | Baratté le mardi et le vendredi.
Beurre baratté demi-sel (250 g) | 3,90
Yaourt nature (500 g) | 2,60 | Lait entier du troupeau, au bocal consigné.
Yaourts aux fruits (4 × 125 g) | 3,40 | Fraise, framboise, abricot ou myrtille.
Yaourt à boire vanille (1 l) | 3,20
Fromage blanc battu (500 g) | 3,10
Crème fraîche (50 cl) | 4,20
Riz au lait de la ferme (4 × 150 g) | 4,90
Glace vanille de la ferme (1 l) | 8,90 | Gousses de vanille de Madagascar et crème de la ferme.
Glace spéculoos (1 l) | 9,50
Œufs de plein air (boîte de 10) | 3,90
# fruits-legumes
Pommes de terre Bintje (sac de 5 kg) | 6,50
Chicons de pleine terre (1 kg) | 4,90 | Forcés en couche de terre, de novembre à mars.
Poireaux (1 kg) | 2,90
Carottes (1 kg) | 1,90
Choux de Bruxelles (1 kg) | 3,90 | Cueillis après les premières gelées.
Céleri-rave (pièce) | 2,20
Potimarron (pièce) | 3,50
Pommes Jonagold (1 kg) | 2,90 | Du verger voisin, sans traitement après floraison.
Poires Conférence (1 kg) | 3,20
Panais (1 kg) | 3,40
# viande-charcuterie
Colis de bœuf de la ferme (5 kg) | 89,00 | Sur commande, deux fois par an. | w
""", profile="default", fresh="fresh", gtin=0.0, qty=(2, 30))

shop("vrac-et-co", "epicerie", """
Flocons d'avoine bio (100 g) // Biologische havervlokken (100 g) // Organic rolled oats (100 g) | 0,39 | Origine Belgique.
Muesli croustillant bio (100 g) // Biologische krokante muesli (100 g) // Organic crunchy muesli (100 g) | 1,25
Riz basmati bio (100 g) // Biologische basmatirijst (100 g) // Organic basmati rice (100 g) | 0,55
Riz complet bio (100 g) // Biologische volkorenrijst (100 g) // Organic brown rice (100 g) | 0,45
Quinoa bio (100 g) // Biologische quinoa (100 g) // Organic quinoa (100 g) | 0,95 | Rincez avant cuisson.
Lentilles vertes bio (100 g) // Biologische groene linzen (100 g) // Organic green lentils (100 g) | 0,59 | Cultivées en Belgique, cuisson 25 minutes.
Lentilles corail bio (100 g) // Biologische rode linzen (100 g) // Organic red lentils (100 g) | 0,65
Pois chiches bio (100 g) // Biologische kikkererwten (100 g) // Organic chickpeas (100 g) | 0,52
Haricots rouges bio (100 g) // Biologische rode bonen (100 g) // Organic kidney beans (100 g) | 0,62
Pâtes penne bio (100 g) // Biologische penne (100 g) // Organic penne (100 g) | 0,42
Farine de froment bio du Hainaut (100 g) // Biologische tarwebloem uit Henegouwen (100 g) // Organic Hainaut wheat flour (100 g) | 0,22 | Moulue à la meule de pierre près d'Ath.
Sucre de canne complet bio (100 g) // Biologische volle rietsuiker (100 g) // Organic whole cane sugar (100 g) | 0,69
Amandes décortiquées bio (100 g) // Biologische gepelde amandelen (100 g) // Organic shelled almonds (100 g) | 2,90 | Origine Espagne.
Noix de cajou bio (100 g) // Biologische cashewnoten (100 g) // Organic cashews (100 g) | 3,20
Noisettes décortiquées (100 g) // Gepelde hazelnoten (100 g) // Shelled hazelnuts (100 g) | 2,40
Raisins secs bio (100 g) // Biologische rozijnen (100 g) // Organic raisins (100 g) | 1,10
Abricots secs bio (100 g) // Biologische gedroogde abrikozen (100 g) // Organic dried apricots (100 g) | 2,20
Dattes Medjool (100 g) // Medjouldadels (100 g) // Medjool dates (100 g) | 2,60
Graines de courge bio (100 g) // Biologische pompoenpitten (100 g) // Organic pumpkin seeds (100 g) | 1,80
Graines de tournesol bio (100 g) // Biologische zonnebloempitten (100 g) // Organic sunflower seeds (100 g) | 0,69
Chocolat noir en pastilles bio (100 g) // Biologische pure chocoladedruppels (100 g) // Organic dark chocolate drops (100 g) | 2,50
Café en grains bio (100 g) // Biologische koffiebonen (100 g) // Organic coffee beans (100 g) | 2,80 | Moulu sur place à la demande.
Thé vert bio (100 g) // Biologische groene thee (100 g) // Organic green tea (100 g) | 4,90
Huile d'olive bio (1 l) // Biologische olijfolie (1 l) // Organic olive oil (1 l) | 16,90 | Apportez votre bouteille.
Huile de tournesol bio (1 l) // Biologische zonnebloemolie (1 l) // Organic sunflower oil (1 l) | 5,90
Vinaigre de cidre bio (1 l) // Biologische appelazijn (1 l) // Organic cider vinegar (1 l) | 4,50
Miel de fleurs belge (100 g) // Belgische bloemenhoning (100 g) // Belgian flower honey (100 g) | 2,40
Sel de Guérande (100 g) // Zout uit Guérande (100 g) // Guérande sea salt (100 g) | 0,60
# beaute-soins
Savon de Marseille (100 g) // Marseillezeep (100 g) // Marseille soap (100 g) | 1,90
Shampooing solide (pièce) // Shampoobar (stuk) // Shampoo bar (each) | 9,50 | Environ 80 lavages, sans emballage.
Déodorant solide // Vaste deodorant // Solid deodorant | 8,90
Dentifrice en pastilles (100 g) // Tandpasta in tabletjes (100 g) // Toothpaste tablets (100 g) | 4,20
# maison-decoration
Lessive liquide au savon végétal (1 l) // Vloeibaar wasmiddel op plantaardige zeep (1 l) // Plant-soap liquid laundry detergent (1 l) | 3,90 | Fabriquée en Belgique ; apportez votre bidon.
Liquide vaisselle écologique (1 l) // Ecologisch afwasmiddel (1 l) // Eco washing-up liquid (1 l) | 3,40
Vinaigre ménager (1 l) // Huishoudazijn (1 l) // Cleaning vinegar (1 l) | 1,90
Bicarbonate de soude (100 g) // Zuiveringszout (100 g) // Bicarbonate of soda (100 g) | 0,45
Percarbonate de soude (100 g) // Natriumpercarbonaat (100 g) // Sodium percarbonate (100 g) | 0,55
# cuisine-table
Bocal consigné (1 l) // Glazen bokaal met statiegeld (1 l) // Returnable jar (1 l) | 2,00 | Consigne remboursée au retour du bocal.
Bocal consigné (500 ml) // Glazen bokaal met statiegeld (500 ml) // Returnable jar (500 ml) | 1,50 | Consigne remboursée au retour du bocal.
Sac à vrac en coton bio // Herbruikbaar zakje in biokatoen // Organic cotton bulk bag | 3,50
Bee wrap (lot de 3) // Bijenwasdoeken (set van 3) // Beeswax wraps (set of 3) | 14,90 | Tissu enduit de cire d'abeille, remplace le film plastique.
""", sku="VRAC", fresh="fresh", gtin=0.0, qty=(1, 20))

# ---- Services that also sell things ------------------------------------------------------------

shop("cordonnerie-martin", "chaussures", """
Cirage crème (50 ml) | 6,50 | Noir, brun, marine, incolore. | g
Graisse pour cuir (100 ml) | 8,90 | g
Spray imperméabilisant (200 ml) | 11,90 | g
Brosse à reluire en crin de cheval | 12,50
Embauchoirs en cèdre (paire) | 29,00 | Gardent la forme des chaussures et absorbent l'humidité.
Semelles intérieures en cuir (paire) | 12,00 | Coupées à votre pointure.
Lacets en coton ciré (paire) | 3,50
Chausse-pied en corne | 14,00
Ressemelage cousu Goodyear | 89,00 | Dix jours de délai. | x
Pose de talons | 18,00 | Pendant que vous attendez. | x
# bricolage-quincaillerie
Reproduction de clé simple | 5,00 | x
Reproduction de clé de sécurité | 25,00 | Sur présentation de la carte de propriété. | x
Copie de badge d'immeuble | 15,00 | x
Plaque gravée pour boîte aux lettres | 15,00 | w
""", profile="default", fresh="slow", gtin=0.0, qty=(1, 10))

shop("cycles-delhaye", "velo", """
Chambre à air 28 pouces valve Presta | 7,90 | g
Chambre à air 26 pouces valve Schrader | 6,90 | g
Chambre à air 20 pouces | 6,50 | g
Pneu ville renforcé anti-crevaison 700 × 40 | 29,90 | Pour les vélos de ville et de trekking, montage sur demande. | g
Pneu VTT 29 × 2,25 | 34,90 | g
Kit de réparation de crevaison | 4,50 | g
Patins de frein (paire) | 8,90
Plaquettes de frein à disque (paire) | 19,90 | Organiques ou métalliques, selon votre étrier.
Câble et gaine de frein | 9,90
Chaîne 9 vitesses | 24,90 | Posée en dix minutes.
Chaîne 11 vitesses | 34,90
Cassette 10 vitesses 11-36 | 39,90
Béquille latérale réglable | 14,90
Garde-boue (la paire) | 24,90
Porte-bagages arrière | 34,90 | Charge 25 kg, pour roues de 26 à 28 pouces.
Sacoche de porte-bagages | 49,90
Pompe à pied avec manomètre | 34,90
Éclairage à pile avant et arrière | 19,90
Sonnette en laiton | 9,50
Roue arrière 28 pouces d'occasion | 35,00 | Pièce d'occasion révisée, pour les petits budgets. | u
Dérailleur arrière d'occasion | - | Pièce d'occasion révisée ; prix selon le modèle. | u
Selle confort d'occasion | 10,00 | Pièce d'occasion. | u
Réparation de crevaison | 12,00 | Le jour même, chambre à air en plus. | x
Entretien complet | 85,00 | Sur devis ; vélos électriques et cargos compris. | x
""", sku="CD", fresh="slow", gtin=0.0, qty=(1, 20))

shop("repar-phone", "electronique-informatique", """
Coque en silicone pour smartphone // Siliconen hoesje voor smartphone // Silicone smartphone case | 14,90 | Pour les modèles courants ; les autres sur commande en 48 heures.
Coque antichoc transparente // Transparant schokbestendig hoesje // Clear shockproof case | 19,90
Étui portefeuille en similicuir // Portemonneehoesje in kunstleer // Faux-leather wallet case | 24,90
Verre trempé protecteur d'écran // Screenprotector van gehard glas // Tempered glass screen protector | 12,90 | Posé gratuitement.
Chargeur secteur USB-C 20 W // USB-C-oplader 20 W // 20 W USB-C charger | 19,90 | Charge rapide pour la plupart des smartphones.
Chargeur secteur USB-C 65 W pour ordinateur // USB-C-oplader 65 W voor laptop // 65 W USB-C laptop charger | 44,90
Câble USB-C vers USB-C (1 m) // USB-C-naar-USB-C-kabel (1 m) // USB-C to USB-C cable (1 m) | 12,90
Câble USB-C vers Lightning (1 m) // USB-C-naar-Lightning-kabel (1 m) // USB-C to Lightning cable (1 m) | 16,90
Chargeur voiture double USB // Dubbele USB-autolader // Dual USB car charger | 14,90
Batterie externe 10 000 mAh // Powerbank 10 000 mAh // 10,000 mAh power bank | 29,90 | Deux recharges de smartphone environ.
Écouteurs filaires USB-C // Bedrade USB-C-oordopjes // Wired USB-C earphones | 19,90
Écouteurs sans fil // Draadloze oordopjes // Wireless earbuds | 49,90 | Réduction de bruit, boîtier de charge USB-C.
Support téléphone pour vélo // Telefoonhouder voor de fiets // Bike phone mount | 24,90
Support téléphone pour voiture // Telefoonhouder voor de auto // Car phone mount | 19,90
Carte microSD 128 Go // microSD-kaart 128 GB // 128 GB microSD card | 19,90 | Classe 10, avec adaptateur SD.
Clé USB 64 Go // USB-stick 64 GB // 64 GB USB flash drive | 12,90
Smartphone reconditionné, 128 Go, grade A // Refurbished smartphone, 128 GB, graad A // Refurbished smartphone, 128 GB, grade A | 299,00 | Garanti un an. | q
Smartphone reconditionné, 64 Go, grade B // Refurbished smartphone, 64 GB, graad B // Refurbished smartphone, 64 GB, grade B | 169,00 | Garanti un an. | q
Tablette reconditionnée 10 pouces // Refurbished tablet 10 inch // Refurbished 10-inch tablet | 229,00 | Garantie un an. | q
Ordinateur portable reconditionné 14 pouces // Refurbished laptop 14 inch // Refurbished 14-inch laptop | 389,00 | Garanti un an. | q
Remplacement d'écran de smartphone // Vervanging smartphonescherm // Smartphone screen replacement | - | Selon le modèle, souvent en moins d'une heure. | x
Remplacement de batterie de smartphone // Vervanging smartphonebatterij // Smartphone battery replacement | 59,00 | Souvent en moins d'une heure. | x
Remplacement du connecteur de charge // Vervanging laadconnector // Charging port replacement | 49,00 | x
Récupération de données // Gegevensherstel // Data recovery | - | Sur devis. | x
""", sku="RP", fresh="fresh", gtin=0.6, qty=(1, 25))

# --------------------------------------------------------------------------------------------
# The big shop: soignies-sports. Items × colours (× sizes for sized items), combined by the seed
# (domain/src/catalogue/demo.rs) until it has GENERATED_COUNT products. Flags: c = clothing
# sizes, s = shoe sizes, none = no size.
# --------------------------------------------------------------------------------------------

GENERATED_SHOP = "soignies-sports"
GENERATED_COUNT = 3000

GENERATED_ITEMS = """
# chaussures
Chaussures de running // Hardloopschoenen // Running shoes | 89,90 | Amorti neutre, pour l'entraînement sur route. | s
Chaussures de trail // Trailschoenen // Trail running shoes | 109,90 | Semelle crantée pour les chemins boueux. | s
Chaussures de marche nordique // Nordic walking-schoenen // Nordic walking shoes | 84,90 | s
Chaussures de football à crampons moulés // Voetbalschoenen met vaste noppen // Moulded-stud football boots | 69,90 | Pour terrains naturels et synthétiques. | s
Chaussures de football à crampons vissés // Voetbalschoenen met schroefnoppen // Screw-in stud football boots | 89,90 | Pour terrains gras. | s
Chaussures de futsal // Zaalvoetbalschoenen // Futsal shoes | 49,90 | s
Chaussures de tennis // Tennisschoenen // Tennis shoes | 79,90 | Toutes surfaces. | s
Chaussures de padel // Padelschoenen // Padel shoes | 74,90 | s
Chaussures de basket // Basketbalschoenen // Basketball shoes | 79,90 | s
Chaussures de sport en salle // Zaalsportschoenen // Indoor court shoes | 64,90 | Volley, handball, badminton. | s
Chaussures de fitness // Fitnessschoenen // Training shoes | 59,90 | s
Chaussures de randonnée imperméables // Waterdichte wandelschoenen // Waterproof hiking boots | 119,90 | Tige montante, membrane respirante. | s
Chaussures de randonnée basses // Lage wandelschoenen // Low hiking shoes | 89,90 | s
Sandales de randonnée // Wandelsandalen // Hiking sandals | 49,90 | s
Claquettes de piscine // Badslippers // Pool sliders | 14,90 | s
# velo
Chaussures de cyclisme route // Racefietsschoenen // Road cycling shoes | 99,90 | s
Chaussures de VTT // Mountainbikeschoenen // Mountain bike shoes | 89,90 | s
# sport-loisirs
Chaussettes de football // Voetbalkousen // Football socks | 9,90 | s
Chaussettes de running (lot de 3) // Hardloopsokken (set van 3) // Running socks (pack of 3) | 14,90 | s
Chaussettes de randonnée // Wandelsokken // Hiking socks | 12,90 | s
Palmes de natation courtes // Korte zwemvliezen // Short swim fins | 29,90 | s
T-shirt technique // Technisch T-shirt // Technical T-shirt | 19,90 | Tissu respirant à séchage rapide. | c
T-shirt technique manches longues // Technisch T-shirt lange mouwen // Long-sleeve technical T-shirt | 24,90 | c
Maillot de football // Voetbalshirt // Football shirt | 24,90 | Flocage du club en 48 heures. | c
Short de football // Voetbalshort // Football shorts | 14,90 | c
Maillot de gardien de but // Keepersshirt // Goalkeeper shirt | 29,90 | Coudes rembourrés. | c
Gants de gardien de but // Keepershandschoenen // Goalkeeper gloves | 29,90 | c
Protège-tibias // Scheenbeschermers // Shin guards | 12,90 | c
Survêtement de club // Clubtrainingspak // Club tracksuit | 59,90 | Flocage du club en 48 heures. | c
Veste de survêtement // Trainingsjasje // Track jacket | 39,90 | c
Pantalon de survêtement // Trainingsbroek // Tracksuit bottoms | 34,90 | c
Sweat à capuche // Hoodie // Hooded sweatshirt | 39,90 | c
Short de running // Hardloopshort // Running shorts | 19,90 | c
Collant de running // Hardlooptight // Running tights | 29,90 | c
Veste de running coupe-vent // Windjack voor hardlopen // Windproof running jacket | 49,90 | c
Gants de running // Hardloophandschoenen // Running gloves | 12,90 | c
Brassière de sport // Sportbeha // Sports bra | 24,90 | Maintien fort. | c
Legging de fitness // Fitnesslegging // Fitness leggings | 29,90 | c
Débardeur de fitness // Fitnesstanktop // Fitness tank top | 17,90 | c
Gants de fitness // Fitnesshandschoenen // Weightlifting gloves | 14,90 | c
Polo de tennis // Tennispolo // Tennis polo shirt | 29,90 | c
Jupe-short de tennis // Tennisrokje met short // Tennis skort | 29,90 | c
Maillot de bain une pièce // Badpak // Swimsuit | 34,90 | Résistant au chlore. | c
Jammer de natation // Zwemjammer // Swim jammer | 24,90 | Résistant au chlore. | c
Short de bain // Zwemshort // Swim shorts | 22,90 | c
Veste polaire // Fleecevest // Fleece jacket | 34,90 | c
Veste softshell // Softshelljas // Softshell jacket | 69,90 | c
Veste imperméable de randonnée // Waterdichte wandeljas // Waterproof hiking jacket | 89,90 | c
Pantalon de randonnée convertible // Afritsbare wandelbroek // Convertible hiking trousers | 44,90 | c
Doudoune légère // Lichte donsjas // Lightweight down jacket | 79,90 | c
T-shirt de randonnée en mérinos // Merino wandelshirt // Merino hiking T-shirt | 49,90 | c
Haut thermique // Thermisch ondershirt // Thermal base layer top | 24,90 | c
Bas thermique // Thermische legging // Thermal base layer leggings | 22,90 | c
Genouillère de sport // Sportkniebrace // Sports knee support | 19,90 | c
Bonnet de running // Hardloopmuts // Running beanie | 12,90
Casquette de sport // Sportpet // Sports cap | 14,90
Bandeau éponge // Hoofdzweetband // Sweatband | 5,90
Ballon de football taille 5 // Voetbal maat 5 // Football, size 5 | 24,90
Ballon de football taille 4 // Voetbal maat 4 // Football, size 4 | 19,90 | Pour les moins de 12 ans.
Ballon de futsal // Zaalvoetbal // Futsal ball | 24,90
Ballon de basket taille 7 // Basketbal maat 7 // Basketball, size 7 | 29,90
Ballon de volley // Volleybal // Volleyball | 24,90
Ballon de handball // Handbal // Handball | 22,90
Raquette de tennis adulte // Tennisracket volwassenen // Adult tennis racket | 79,90 | Cordage en 24 heures à l'atelier.
Raquette de tennis junior // Tennisracket junior // Junior tennis racket | 34,90
Raquette de padel // Padelracket // Padel racket | 89,90
Raquette de badminton // Badmintonracket // Badminton racket | 24,90
Raquette de tennis de table // Tafeltennisbatje // Table tennis bat | 19,90
Balles de tennis (tube de 4) // Tennisballen (koker van 4) // Tennis balls (tube of 4) | 7,90
Balles de padel (tube de 3) // Padelballen (koker van 3) // Padel balls (tube of 3) | 6,90
Volants de badminton (tube de 6) // Badmintonshuttles (koker van 6) // Badminton shuttlecocks (tube of 6) | 9,90
Thermobag 6 raquettes // Thermotas voor 6 rackets // Six-racket thermal bag | 49,90
Sac de sport 40 l // Sporttas 40 l // Sports bag, 40 l | 34,90
Sac à dos de randonnée 30 l // Wandelrugzak 30 l // Hiking backpack, 30 l | 59,90
Sac à dos de randonnée 50 l // Wandelrugzak 50 l // Hiking backpack, 50 l | 99,90
Gourde 750 ml // Drinkfles 750 ml // Water bottle, 750 ml | 12,90
Gourde isotherme 500 ml // Isolerende drinkfles 500 ml // Insulated bottle, 500 ml | 24,90
Lunettes de natation // Zwembril // Swimming goggles | 14,90
Lunettes de natation miroir // Gespiegelde zwembril // Mirrored swimming goggles | 24,90
Bonnet de bain en silicone // Siliconen badmuts // Silicone swim cap | 9,90
Planche de natation // Zwemplankje // Kickboard | 12,90
Pull-buoy // Pullbuoy // Pull buoy | 12,90
Serviette microfibre // Microvezelhanddoek // Microfibre towel | 19,90
Tapis de yoga // Yogamat // Yoga mat | 24,90
Haltères (paire de 2 kg) // Halters (paar van 2 kg) // Dumbbells (pair, 2 kg) | 19,90
Kettlebell 8 kg // Kettlebell 8 kg // Kettlebell, 8 kg | 29,90
Élastiques de fitness (lot de 3) // Weerstandsbanden (set van 3) // Resistance bands (set of 3) | 14,90
Corde à sauter // Springtouw // Skipping rope | 9,90
Rouleau de massage // Foamroller // Foam roller | 19,90
Bâtons de marche nordique (paire) // Nordic walking-stokken (paar) // Nordic walking poles (pair) | 39,90
Bâtons de randonnée télescopiques (paire) // Telescopische wandelstokken (paar) // Telescopic trekking poles (pair) | 34,90
Lampe frontale // Hoofdlamp // Head torch | 24,90
Sac de couchage 3 saisons // Slaapzak voor drie seizoenen // Three-season sleeping bag | 59,90
Tente 2 places // Tent voor 2 personen // Two-person tent | 99,90
Plots d'entraînement (lot de 10) // Trainingshoedjes (set van 10) // Training cones (set of 10) | 9,90
Chasubles d'entraînement (lot de 10) // Trainingshesjes (set van 10) // Training bibs (set of 10) | 29,90
Mini-but de football pliable // Opvouwbaar minivoetbaldoel // Folding mini football goal | 39,90
Pompe à ballon // Balpomp // Ball pump | 6,90
Protège-dents // Gebitsbeschermer // Mouthguard | 9,90
Brassard de running pour smartphone // Hardloopband voor smartphone // Running armband for smartphone | 14,90
Montre de sport cardio // Sporthorloge met hartslagmeter // Heart-rate sports watch | 79,90
# velo
Maillot de vélo // Fietsshirt // Cycling jersey | 34,90 | c
Cuissard de vélo // Fietsbroek // Cycling shorts | 39,90 | c
Gants de vélo // Fietshandschoenen // Cycling gloves | 19,90 | c
Casque de vélo adulte // Fietshelm volwassenen // Adult bike helmet | 39,90
Casque de vélo enfant // Fietshelm kinderen // Children's bike helmet | 24,90
Bidon de vélo 600 ml // Bidon 600 ml // Bike bottle, 600 ml | 6,90
Antivol à câble // Kabelslot // Cable lock | 14,90
Éclairage de vélo USB // USB-fietsverlichting // USB bike lights | 24,90
"""

GENERATED_VARIANTS = [
    ("noir", "zwart", "black"),
    ("blanc", "wit", "white"),
    ("gris", "grijs", "grey"),
    ("bleu marine", "marineblauw", "navy"),
    ("bleu roi", "koningsblauw", "royal blue"),
    ("rouge", "rood", "red"),
    ("vert", "groen", "green"),
    ("jaune fluo", "fluogeel", "neon yellow"),
    ("orange", "oranje", "orange"),
    ("rose", "roze", "pink"),
    ("turquoise", "turkoois", "turquoise"),
    ("kaki", "kaki", "khaki"),
]

SIZE_SETS = {
    "clothing": ["XS", "S", "M", "L", "XL", "XXL"],
    "shoes": ["36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46"],
}


# --------------------------------------------------------------------------------------------
# Building, checking and writing
# --------------------------------------------------------------------------------------------

PRICE_RE = re.compile(r"^\d+(,\d{2})?$")
STOCK_FLAGS = {"w": "window", "x": "window", "o": "out_of_stock", "q": "quantity",
               "s": "in_stock", "u": "quantity"}
KNOWN_FLAGS = set("woqsuxgncs")


def check_digit(body):
    """GS1 mod-10 check digit of a GTIN-13 (or ISBN-13) body of 12 digits."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return str((10 - total % 10) % 10)


def valid_gtin13(code):
    return len(code) == 13 and code.isdigit() and check_digit(code[:12]) == code[12]


def parse_lines(text, default_category, where):
    """The products of a block as dicts: name, nl, en, price, description, category, flags."""
    out = []
    category = default_category
    for raw in text.strip("\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# "):
            category = line[2:].strip()
            continue
        fields = [f.strip() for f in line.split(" | ")]
        if len(fields) < 2 or len(fields) > 4:
            raise SystemExit(f"{where}: cannot read line: {raw!r}")
        names = [n.strip() for n in fields[0].split(" // ")]
        if len(names) not in (1, 3):
            raise SystemExit(f"{where}: give fr, or fr // nl // en: {raw!r}")
        fr, nl, en = (names + ["", ""])[:3]
        nl, en = ("" if nl == "-" else nl), ("" if en == "-" else en)
        price = None if fields[1] == "-" else fields[1]
        description = fields[2] if len(fields) > 2 else ""
        flags = fields[3] if len(fields) > 3 else ""
        if len(fields) == 3 and re.fullmatch(r"[a-z]{1,3}", description) and set(description) <= KNOWN_FLAGS:
            description, flags = "", description  # "name | price | flags"
        if set(flags) - KNOWN_FLAGS:
            raise SystemExit(f"{where}: unknown flags {flags!r} in {raw!r}")
        out.append(dict(name=fr, nl=nl, en=en, price=price, description=description,
                        category=category, flags=flags))
    return out


def fresh_days(rng, fresh):
    stale_share, newest = FRESHNESS[fresh]
    if rng.random() < stale_share:
        return rng.randint(22, 60)
    if fresh == "fresh":
        return rng.randint(0, newest)
    return int(rng.random() ** 1.7 * (newest + 1))


def build_shop(spec, used_gtins):
    slug = spec["slug"]
    items = parse_lines(spec["text"], spec["category"], slug)
    products = []
    gtin_mode = spec["gtin"]
    isbn = isinstance(gtin_mode, str)
    share = float(gtin_mode.split(":")[1]) if isbn else float(gtin_mode)
    skus = set()
    for index, item in enumerate(items):
        rng = random.Random(f"{SEED}:{slug}:{item['name']}")
        flags = item["flags"]
        forced = [STOCK_FLAGS[f] for f in flags if f in STOCK_FLAGS]
        if forced:
            stock = forced[0]
        else:
            weights = PROFILES[spec["profile"]]
            stock = rng.choices(["in_stock", "out_of_stock", "window", "quantity"], weights)[0]
        product = dict(name=item["name"], nl=item["nl"], en=item["en"],
                       description=item["description"], price=item["price"],
                       category=item["category"])
        # Barcode: packaged goods only; books carry their ISBN.
        barcode = None
        wants = "g" in flags or (
            "n" not in flags and "x" not in flags and "w" not in flags
            and (not isbn or item["category"] == "livres") and rng.random() < share)
        if wants:
            while barcode is None or barcode in used_gtins:
                if isbn and item["category"] == "livres":
                    body = "9782" + "".join(str(rng.randint(0, 9)) for _ in range(8))
                else:
                    body = str(rng.randint(20, 29)) + "".join(str(rng.randint(0, 9)) for _ in range(10))
                barcode = body + check_digit(body)
            used_gtins.add(barcode)
            product["gtin"] = barcode
        if spec["sku"]:
            if spec["sku"] == "#7":  # a pharmacy's seven-digit article numbers
                sku = None
                while sku is None or sku in skus:
                    sku = str(rng.randint(1000000, 4999999))
            else:
                sku = f"{spec['sku']}-{index + 1:03d}"
            skus.add(sku)
            product["sku"] = sku
        product["stock"] = stock
        if stock == "quantity":
            if "u" in flags:
                product["quantity"] = 1
            else:
                low, high = spec["qty"]
                product["quantity"] = rng.randint(low, high)
        if stock != "window":
            product["confirmed_days_ago"] = fresh_days(rng, spec["fresh"])
        products.append(product)
    return products


def build_generated():
    items = []
    for item in parse_lines(GENERATED_ITEMS, "sport-loisirs", GENERATED_SHOP):
        entry = dict(name=item["name"], nl=item["nl"], en=item["en"],
                     description=item["description"], category=item["category"],
                     price=item["price"])
        sizes = "shoes" if "s" in item["flags"] else "clothing" if "c" in item["flags"] else None
        entry["sized"] = sizes is not None
        if sizes:
            entry["sizes"] = sizes
        items.append(entry)
    return dict(
        _doc=("The products of one big shop, made by the seed rather than listed: every item "
              "combined with every colour of `variants` (name: \"<item> – <colour>\", or "
              "\"<item> – <colour>, <size>\"), and with sizes when `sized` is true, in a fixed "
              "order until `count` products. `sizes` is every size; an item's `sizes` names the "
              "set it takes from `size_sets` (\"clothing\" XS-XXL or \"shoes\" 36-46)."),
        shop=GENERATED_SHOP,
        count=GENERATED_COUNT,
        items=items,
        variants=[dict(fr=fr, nl=nl, en=en) for fr, nl, en in GENERATED_VARIANTS],
        sizes=SIZE_SETS["clothing"] + SIZE_SETS["shoes"],
        size_sets=SIZE_SETS,
    )


def validate(data, businesses):
    errors = []
    slugs = {b["slug"] for b in businesses}

    def check_product(where, p, generated=False):
        name = p.get("name", "")
        if not name or len(name) > 200:
            errors.append(f"{where}: name empty or longer than 200 characters")
        for key in ("nl", "en"):
            if len(p.get(key, "")) > 200:
                errors.append(f"{where}: {key} longer than 200 characters")
        if bool(p.get("nl")) != bool(p.get("en")):
            errors.append(f"{where}: nl and en go together")
        if len(p.get("description", "")) > 300:
            errors.append(f"{where}: description longer than 300 characters")
        if p["category"] not in CATEGORIES:
            errors.append(f"{where}: unknown category {p['category']}")
        if p["price"] is not None and not PRICE_RE.match(p["price"]):
            errors.append(f"{where}: price {p['price']!r} is not Belgian decimal")
        for key in ("name", "nl", "en", "description"):
            text = p.get(key, "")
            if (text != text.strip() or "  " in text or "|" in text or "//" in text
                    or any(ord(c) < 32 for c in text)):
                errors.append(f"{where}: stray space, separator or control character in {key}")
        if generated:
            return
        gtin = p.get("gtin")
        if gtin is not None:
            if not valid_gtin13(gtin):
                errors.append(f"{where}: GTIN {gtin} has a wrong check digit")
            elif not (gtin[0] == "2" or (gtin[:3] in ("978", "979") and p["category"] == "livres")):
                errors.append(f"{where}: GTIN {gtin} is not restricted-circulation (20-29) nor an ISBN")
        if p["stock"] not in ("in_stock", "out_of_stock", "window", "quantity"):
            errors.append(f"{where}: unknown stock {p['stock']}")
        if (p["stock"] == "quantity") != ("quantity" in p):
            errors.append(f"{where}: quantity goes with stock = quantity, and only with it")
        if "quantity" in p and not 0 <= p["quantity"] <= 50:
            errors.append(f"{where}: quantity {p['quantity']} outside 0-50")
        days = p.get("confirmed_days_ago")
        if p["stock"] == "window" and days is not None:
            errors.append(f"{where}: the window makes no claim to confirm")
        if p["stock"] != "window" and not (isinstance(days, int) and 0 <= days <= 60):
            errors.append(f"{where}: a stock claim needs confirmed_days_ago 0-60")

    for slug, products in data["shops"].items():
        if slug not in slugs:
            errors.append(f"{slug}: no such business in businesses.json")
        if slug == GENERATED_SHOP:
            errors.append(f"{slug}: the generated shop has no hand-written products")
        names, skus = set(), set()
        for p in products:
            where = f"{slug}: {p['name']}"
            check_product(where, p)
            if p["name"] in names:
                errors.append(f"{where}: name twice in the shop")
            names.add(p["name"])
            if "sku" in p:
                if p["sku"] in skus:
                    errors.append(f"{where}: SKU {p['sku']} twice in the shop")
                skus.add(p["sku"])
    gtins = [p["gtin"] for ps in data["shops"].values() for p in ps if "gtin" in p]
    if len(gtins) != len(set(gtins)):
        errors.append("a GTIN is used twice")

    gen = data["generated"]
    if gen["shop"] not in slugs:
        errors.append(f"generated: no business {gen['shop']}")
    names = set()
    for item in gen["items"]:
        where = f"generated: {item['name']}"
        check_product(where, item, generated=True)
        if item["name"] in names:
            errors.append(f"{where}: item twice")
        names.add(item["name"])
        if item["sized"] != ("sizes" in item) or item.get("sizes", "clothing") not in gen["size_sets"]:
            errors.append(f"{where}: sized and sizes disagree")
    for key in ("fr", "nl", "en"):
        words = [v[key] for v in gen["variants"]]
        if len(words) != len(set(words)) or not all(words):
            errors.append(f"generated: variants' {key} words empty or repeated")
    if errors:
        raise SystemExit("products.json not written:\n  " + "\n  ".join(errors))


def combinations(gen, flat):
    """How many products items × variants (× sizes) can make: with every size for every sized
    item (flat), or with each item's own size set."""
    per_variant = 0
    for item in gen["items"]:
        if not item["sized"]:
            per_variant += 1
        elif flat:
            per_variant += len(gen["sizes"])
        else:
            per_variant += len(gen["size_sets"][item["sizes"]])
    return per_variant * len(gen["variants"])


def summary(data):
    shops = {s: ps for s, ps in data["shops"].items() if ps}
    products = [p for ps in shops.values() for p in ps]
    total = len(products)

    def pct(n, d):
        return f"{100 * n / d:.1f} %" if d else "-"

    print(f"shops with products: {len(shops)} (+ {data['generated']['shop']}, generated)")
    print(f"hand-written products: {total}")
    for state in ("in_stock", "out_of_stock", "window", "quantity"):
        n = sum(p["stock"] == state for p in products)
        print(f"  {state:<13} {n:5d}  {pct(n, total)}")
    claims = [p for p in products if p["stock"] != "window"]
    stale = [p for p in claims if p["confirmed_days_ago"] > 21]
    print(f"stock claims: {len(claims)}, stale (> 21 days): {len(stale)} = {pct(len(stale), len(claims))}")
    fresh_shops = [s for s, ps in shops.items()
                   if all(p.get("confirmed_days_ago", 0) <= 3 for p in ps)]
    stale_shops = [s for s, ps in shops.items()
                   if (c := [p for p in ps if p["stock"] != "window"])
                   and sum(p["confirmed_days_ago"] > 21 for p in c) / len(c) > 0.5]
    print(f"shops entirely fresh (<= 3 days): {len(fresh_shops)}; mostly stale: {', '.join(stale_shops)}")
    translated = sum(bool(p["nl"]) for p in products)
    print(f"with nl + en names: {translated} = {pct(translated, total)}")
    print(f"with description: {pct(sum(bool(p['description']) for p in products), total)}")
    print(f"price in the shop (null): {sum(p['price'] is None for p in products)} = "
          f"{pct(sum(p['price'] is None for p in products), total)}")
    isbn = sum(p.get("gtin", "")[:3] in ("978", "979") for p in products)
    print(f"with GTIN: {sum('gtin' in p for p in products)} (ISBN {isbn}); with SKU: "
          f"{sum('sku' in p for p in products)}")
    sizes = [len(ps) for ps in shops.values()]
    print(f"products per shop: {min(sizes)}-{max(sizes)}")
    gen = data["generated"]
    print(f"generated: {len(gen['items'])} items ({sum(i['sized'] for i in gen['items'])} sized), "
          f"{len(gen['variants'])} variants, {gen['count']} wanted; combinations: "
          f"{combinations(gen, flat=False)} with each item's size set, "
          f"{combinations(gen, flat=True)} with every size")


def main():
    businesses = json.loads((HERE / "businesses.json").read_text(encoding="utf-8"))
    order = [b["slug"] for b in businesses]
    declared = [s["slug"] for s in SHOPS]
    if len(declared) != len(set(declared)):
        raise SystemExit("a shop is declared twice")
    unknown = [s for s in declared if s not in order]
    if unknown:
        raise SystemExit(f"no such business: {', '.join(unknown)}")
    used_gtins = set()
    by_slug = {s["slug"]: s for s in SHOPS}
    shops = {slug: build_shop(by_slug[slug], used_gtins) for slug in order if slug in by_slug}
    data = {
        "_doc": ("The demo town's product catalogue: `shops` lists each shop's products, "
                 "`generated` describes the big shop whose 3,000 products the seed makes. "
                 "Written by products.py (edit the script, not this file: it rewrites it byte for "
                 "byte). `confirmed_days_ago` is counted back from the seed's \"now\", so the demo "
                 "always has fresh stock statements and stale ones (over 21 days: \"ask the shop\"); "
                 "the window (`stock` = \"window\") makes no claim and has none."),
        "shops": shops,
        "generated": build_generated(),
    }
    validate(data, businesses)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if "--check" in sys.argv[1:]:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            raise SystemExit("products.json is not what products.py writes: run it")
        print("products.json is up to date")
    else:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.name}: {len(text.encode('utf-8'))} bytes")
    summary(data)


if __name__ == "__main__":
    main()
